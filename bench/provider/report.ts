// The benchmark's markdown: one table per section, figures as ratios and counts where possible.
import type { BurstResult } from "./burst";
import type { DistanceRow } from "./distance";
import type { EngineResult } from "./engine";
import type { SharedEngineResult } from "./engine-shared";
import type { LagRow } from "./lag";
import type { Machine } from "./machine";
import type { OperationRow } from "./operations";
import type { StackResult } from "./stack";
import type { ColdStart, ProviderSize } from "./startup";
import { round } from "./stats";

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  lag: LagRow[];
  operations: OperationRow[];
  stack: StackResult[];
  burst?: BurstResult;
  /** Reads at once with a round trip added (section distance). */
  distance?: DistanceRow[];
  engine: EngineResult[];
  /** Several stacks on one key at once (section engine-shared). */
  engineShared?: SharedEngineResult[];
  /** When and where each section last ran (results.json keeps sections across partial runs). */
  sections?: Record<string, { at: string; machine: Machine }>;
  providerSize?: ProviderSize;
  coldStart?: ColdStart;
}

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const s = (ms: number) => `${round(ms / 1000, 1)} s`;
const ok = (pass: boolean) => (pass ? "yes" : "**no**");

export function machineLine(m: Machine): string {
  return `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${round(m.memTotalMb / 1024, 1)} GB RAM, Node ${m.node}, @pulumi/pulumi ${m.pulumiSdk}, ${m.platform}.`;
}

export function markdown(r: BenchResults): string {
  return [`${machineLine(r.machine)} Run ${r.startedAt}, ${Math.round(r.durationSeconds)} s in all.`, tables(r)].join("\n\n");
}

/** Every section's tables, in a fixed order. */
export function tables(r: BenchResults): string {
  const sections: string[] = [];
  if (r.lag.length) sections.push(lagSection(r.lag));
  if (r.operations.length) sections.push(operationsSection(r.operations));
  for (const st of r.stack) sections.push(stackSection(st));
  if (r.burst) sections.push(burstSection(r.burst));
  if (r.distance?.length) sections.push(distanceSection(r.distance));
  const aims = aimsSection(r);
  if (aims) sections.push(aims);
  const comparison = comparisonSection(r.engine ?? []);
  if (comparison) sections.push(comparison);
  const plugin = pluginSection(r.engine ?? []);
  if (plugin) sections.push(plugin);
  const transport = transportSection(r.engine ?? []);
  if (transport) sections.push(transport);
  if (r.engineShared?.length) sections.push(sharedSection(r.engineShared));
  // Repetitions of the comparison are summed up above; their first round is shown in full.
  for (const e of r.engine ?? []) if ((e.round ?? 1) === 1 && e.section !== TRANSPORT) sections.push(engineSection(e));
  if (r.providerSize && r.coldStart) sections.push(startupSection(r.providerSize, r.coldStart));
  return sections.join("\n\n");
}

function lagSection(lag: LagRow[]): string {
  return [
    "### Job detection lag (create, one at a time)\n",
    table(
      ["job time", "runs", "aim", "detection lag median / max", "max / aim", "polls median / max", "create returns after (median / max)", "meets aim"],
      lag.map((l) => [
        s(l.jobMs), l.runs, `${l.aimMs} ms`,
        `${l.detectionLagMs.median} / ${l.detectionLagMs.max} ms`, l.worstOverAim,
        `${l.polls.median} / ${l.polls.max}`,
        `${l.returnLagMs.median} / ${l.returnLagMs.max} ms`,
        ok(l.worstOverAim <= 1 && (l.jobMs < 10_000 || l.polls.max <= 12)),
      ]),
    ),
    "\nDetection lag = arrival of the poll that saw `succeeded` (emulator request log) − the job's `completedAt`. " +
      "\"Create returns after\" adds what follows the job (the PATCH that applies the persona) and the host's gRPC answer.",
  ].join("\n");
}

function operationsSection(ops: OperationRow[]): string {
  return [
    "### Requests per operation (emulator request log)\n",
    table(["operation", "requests", "sequence", "needed", "unneeded"], ops.map((o) => [o.operation, o.requests, o.sequence, o.needed, o.unneeded])),
    "\nJob polls are judged by the lag table (their count depends on the job time); every other request is compared with what the operation needs.",
  ].join("\n");
}

function stackSection(st: StackResult): string {
  const variant = st.limiterVariant ? ` — diagnostic: client limiter replaced by \`${st.limiterVariant}\`` : "";
  const lines = [
    `### Big stack: ${st.resources} resources, one host, job ${s(st.jobMs)}, rate limit ${st.rateLimit ? `${st.rateLimit} req/s` : "off"}${st.rateLimitHeaders ? ", stated in RateLimit headers" : ""}${variant}\n`,
    table(
      ["phase", "wall", "floor (sent / fewest)", "wall / floor", "requests", "req/s", "429s", "failures", "host CPU", "host peak RSS"],
      st.phases.map((p) => [
        p.phase, s(p.wallMs),
        p.floorMs === null ? "—" : `${s(p.floorMs)} / ${s(p.minFloorMs ?? 0)}`,
        p.wallOverFloor ?? "—",
        p.requests, p.requestsPerSecond, p.rateLimited,
        p.failures + (p.changedDiffs ? ` (${p.changedDiffs} diffs not empty)` : ""),
        `${p.hostCpuSeconds} s`, `${p.hostPeakMb} MB`,
      ]),
    ),
    `\nHost RSS after start-up: ${st.hostBaselineMb} MB. Requests: ` +
      st.phases.map((p) => `${p.phase}: ${Object.entries(p.byEndpoint).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`).join("; ") + ".",
  ];
  const failed = st.phases.flatMap((p) => p.failureSamples.map((f) => `${p.phase}: ${f}`));
  if (failed.length) lines.push(`\nFirst failures: ${failed.map((f) => `\`${f}\``).join("; ")}`);
  return lines.join("\n");
}

export function burstSection(b: BurstResult): string {
  const creates = b.runs[0]?.creates ?? 0;
  return [
    `### A short 429 burst, then ${creates} creates at once: one host, job ${s(b.jobMs)}, rate limit ${b.rateLimit} req/s\n`,
    table(
      ["host", "burst create: wall / floor (429s)", "creates wall", "floor (fewest / accepted)", "wall / fewest floor", "requests", "429s", "failures"],
      b.runs.map((r) => [
        r.host,
        r.burst ? `${s(r.burst.wallMs)} / ${s(r.burst.floorMs)} (${r.burst.rateLimited})` : "—",
        s(r.wallMs), `${s(r.minFloorMs)} / ${s(r.floorMs)}`, r.wallOverMinFloor, r.requests, r.rateLimited, r.failures,
      ]),
    ),
    `\nBurst: the first ${b.burst429s} job polls answered 429 with Retry-After ${b.retryAfterSeconds} s (emulator fault rule); ` +
      `its floor is those pauses. Requests: ` + b.runs.map((r) => `${r.host}: ${Object.entries(r.byEndpoint).map(([k, v]) => `${k} ${v}`).join(", ")}`).join("; ") + ".",
  ].join("\n");
}

function startupSection(ps: ProviderSize, c: ColdStart): string {
  return [
    "### Per resource and start-up\n",
    table(["figure", "value"], [
      ["provider text (`__provider`)", `${ps.providerBytes} B (in state twice: inputs and outputs, ${ps.providerBytesInState} B)`],
      ["other inputs of the same resource", `${ps.otherInputBytes} B`],
      ["same text for every resource", ps.identicalAcrossResources ? "yes (one provider instance per host)" : "**no**"],
      [`host cold start, spawn → listening (median / max of ${c.runs})`, `${c.listeningMs.median} / ${c.listeningMs.max} ms`],
      ["spawn → first check answered", `${c.firstCheckMs.median} / ${c.firstCheckMs.max} ms`],
      ["spawn → first create answered (0 ms job)", `${c.firstCreateMs.median} / ${c.firstCreateMs.max} ms`],
      ["host RSS after the first create", `${c.hostRssAfterFirstCreateMb.median} MB`],
    ]),
  ].join("\n");
}

/** How an engine run is named in headings and tables. */
function engineLabel(e: EngineResult): string {
  if (e.program === "trivial") return `${e.resources} trivial resources (create sleeps ${s(e.jobMs)})`;
  if (e.program === "shaped") return `${e.resources} trivial resources with a persona's state (create sleeps ${s(e.jobMs)})`;
  if (e.program === "plugin") return `${e.resources} personas on the provider plugin, job ${s(e.jobMs)}`;
  const variant = e.limiterVariant === "no-pacing" ? " (client pacing taken out)" : e.limiterVariant ? ` (limiter \`${e.limiterVariant}\`)` : "";
  return `${e.resources} personas${variant}, job ${s(e.jobMs)}`;
}

export function engineSection(e: EngineResult): string {
  const cpu = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `#### Real engine: ${engineLabel(e)}, rate limit ${e.rateLimit ? `${e.rateLimit} req/s` : "off"}${e.rateLimitHeaders ? " stated in RateLimit headers" : ""}, ${e.parallel ? `--parallel ${e.parallel}` : "default --parallel (4 × CPUs)"}${e.skipCheckpoints ? ", PULUMI_SKIP_CHECKPOINTS=true" : ""}`,
    "",
    `State: ${e.stateBytesPerPersona} bytes per persona.`,
    "",
    table(
      ["command", "wall", "empty stack", "floor", "wall / floor", "overhead / persona", "requests", "429s", "CPU s", "host peak RSS"],
      e.phases.map((p) => [
        `pulumi ${p.phase}`,
        s(p.wallMs),
        s(p.emptyWallMs),
        p.floorMs === null ? "—" : s(p.floorMs),
        p.wallOverFloor === null ? "—" : `**${p.wallOverFloor}**`,
        `${p.overheadPerResourceMs} ms`,
        p.requests,
        p.rateLimited,
        cpu(p.cpuSeconds),
        `${p.providerHostPeakMb} MB`,
      ]),
    ),
    ...timeline(e.phases),
  ].join("\n");
}

/** When the API saw the first and last request of each command (runs from before it was recorded have none). */
function timeline(phases: EngineResult["phases"]): string[] {
  const timed = phases.filter((p) => p.firstRequestMs != null && p.lastRequestMs != null);
  if (timed.length === 0) return [];
  return [
    "",
    "Timeline, from spawn: the API's first and last request, and the engine's time after the last one (state writes, shutdown).",
    "",
    table(
      ["command", "first request", "last request", "after the last request"],
      timed.map((p) => [`pulumi ${p.phase}`, s(p.firstRequestMs!), s(p.lastRequestMs!), s(p.wallMs - p.lastRequestMs!)]),
    ),
  ];
}

type Command = "up" | "refresh" | "destroy";
const COMMANDS: Command[] = ["up", "refresh", "destroy"];
const phaseOf = (e: EngineResult, c: Command) => e.phases.find((p) => p.phase === c)!;
const wallOf = (e: EngineResult | undefined, c: Command) => e?.phases.find((p) => p.phase === c)?.wallMs;
const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length === 0 ? NaN : a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

/** This package's dynamic resource (runs from before programs were named are). */
const isDynamic = (e: EngineResult) => e.program === undefined || e.program === "personas";

/** The comparison runs (no key limit, every resource in parallel), grouped by round. */
function comparisonRounds(engine: EngineResult[]) {
  const runs = engine.filter((e) => e.round !== undefined && e.rateLimit === 0 && !e.skipCheckpoints && e.section !== TRANSPORT);
  const rounds = [...new Set(runs.map((e) => e.round!))].sort((a, b) => a - b);
  return rounds.map((round) => {
    const inRound = runs.filter((e) => e.round === round);
    return {
      round,
      trivial: inRound.find((e) => e.program === "trivial"),
      shaped: inRound.find((e) => e.program === "shaped"),
      ours: inRound.find((e) => isDynamic(e) && !e.limiterVariant),
      noPacing: inRound.find((e) => isDynamic(e) && e.limiterVariant === "no-pacing"),
      plugin: inRound.find((e) => e.program === "plugin"),
    };
  }).filter((r) => r.trivial && r.ours);
}

type ComparisonRound = ReturnType<typeof comparisonRounds>[number];

function comparisonSection(engine: EngineResult[]): string | undefined {
  const rounds = comparisonRounds(engine);
  if (rounds.length === 0) return undefined;
  const n = rounds[0].ours!.resources;
  const rows = rounds.flatMap(({ round, trivial, shaped, ours, noPacing }) =>
    COMMANDS.map((c) => {
      const [t, sh, o, np] = [wallOf(trivial, c)!, wallOf(shaped, c), wallOf(ours, c)!, wallOf(noPacing, c)];
      const opt = (x: number | undefined, f: (v: number) => string | number) => (x === undefined ? "—" : f(x));
      return [round, `pulumi ${c}`, s(t), opt(sh, s), s(o), opt(np, s), `**${round2(o / t)}**`, opt(sh, (v) => round2(o / v)), opt(np, (v) => round2(o / v))];
    }),
  );
  const state = rounds.filter((x) => x.shaped).map(({ trivial, shaped, ours }) => `${trivial!.stateBytesPerPersona} B trivial, ${shaped!.stateBytesPerPersona} B persona-shaped, ${ours!.stateBytesPerPersona} B this package`);
  return [
    `#### Real engine against its floor: ${n} resources, no key limit, --parallel ${rounds[0].ours!.parallel ?? "default"}, ${rounds.length} round(s)\n`,
    table(["round", "command", "trivial resource", "persona-shaped trivial", "this package", "no client pacing", "package / trivial", "package / shaped", "package / no pacing"], rows),
    "\nOne after another in each round, on the same machine: the trivial resource (a dynamic resource whose create only sleeps the job time), the same with a persona's state (bench/engine-shaped: the inputs, outputs and provider text of a persona, no request), this package, and this package with its client-side rate limiter taken out (`no-pacing`, bench/provider/limiter-variant-preload.js). Package / shaped is what the provider itself costs beyond the engine's handling of the state it has to keep." +
      (state.length ? ` State per resource after \`up\`: ${state.join("; ")}.` : ""),
  ].join("\n");
}

const round2 = (x: number) => round(x, 2);

/** Issue 17's figures: the plugin beside the dynamic resource, round by round (same run, same machine). */
function pluginSection(engine: EngineResult[]): string | undefined {
  const rounds = comparisonRounds(engine).filter((x) => x.plugin);
  if (rounds.length === 0) return undefined;
  const perOp = (e: EngineResult, c: Command) => {
    const p = phaseOf(e, c);
    return round2(p.requests / e.resources);
  };
  const rows = rounds.flatMap(({ round, ours, plugin }) =>
    COMMANDS.map((c) => [round, `pulumi ${c}`, s(wallOf(ours, c)!), s(wallOf(plugin, c)!), `**${round2(wallOf(plugin, c)! / wallOf(ours, c)!)}**`, perOp(ours!, c), perOp(plugin!, c)]),
  );
  const state = rounds.map(({ ours, plugin }) => `${ours!.stateBytesPerPersona} B dynamic, ${plugin!.stateBytesPerPersona} B plugin`);
  return [
    `#### The provider plugin beside the dynamic resource: ${rounds[0].ours!.resources} personas, no key limit, --parallel ${rounds[0].ours!.parallel ?? "default"}, ${rounds.length} round(s)\n`,
    table(["round", "command", "dynamic resource", "plugin", "plugin / dynamic", "requests per persona, dynamic", "requests per persona, plugin"], rows),
    `\nState per persona after \`up\`: ${state.join("; ")}. The same program (bench/engine-program vs bench/engine-plugin), run after the dynamic one in each round.`,
  ].join("\n");
}

const TRANSPORT = "engine-transport";

/** The dynamic resource with axios and with node:http in its transport, round by round (section engine-transport). */
function transportSection(engine: EngineResult[]): string | undefined {
  const runs = engine.filter((e) => e.section === TRANSPORT);
  const inRound = (round: number, pick: (e: EngineResult) => boolean) => runs.find((e) => (e.round ?? 1) === round && pick(e));
  const rounds = [...new Set(runs.map((e) => e.round ?? 1))].sort((a, b) => a - b).map((round) => ({
    round,
    trivial: inRound(round, (e) => e.program === "trivial"),
    axios: inRound(round, (e) => isDynamic(e) && !e.transportVariant),
    nodeHttp: inRound(round, (e) => isDynamic(e) && e.transportVariant === "node-http"),
  })).filter((x) => x.axios && x.nodeHttp);
  if (rounds.length === 0) return undefined;
  const host = (e: EngineResult, c: Command) => phaseOf(e, c).cpuSeconds["provider host"] ?? 0;
  const over = (a: EngineResult | undefined, b: EngineResult | undefined, c: Command) => (a && b ? round2(wallOf(a, c)! / wallOf(b, c)!) : "—");
  const rows = rounds.flatMap(({ round, trivial, axios, nodeHttp }) =>
    COMMANDS.map((c) => [
      round, `pulumi ${c}`, trivial ? s(wallOf(trivial, c)!) : "—", s(wallOf(axios, c)!), s(wallOf(nodeHttp, c)!),
      `**${over(nodeHttp, axios, c)}**`, over(axios, trivial, c), over(nodeHttp, trivial, c),
      `${host(axios!, c)} / ${host(nodeHttp!, c)}`, `${phaseOf(axios!, c).firstRequestMs ?? "—"} / ${phaseOf(nodeHttp!, c).firstRequestMs ?? "—"} ms`,
    ]),
  );
  const medianOf = (c: Command, a: (x: (typeof rounds)[number]) => EngineResult | undefined, b: (x: (typeof rounds)[number]) => EngineResult | undefined) => {
    const both = rounds.filter((x) => a(x) && b(x));
    return both.length ? round2(median(both.map((x) => wallOf(a(x), c)! / wallOf(b(x), c)!))) : "—";
  };
  const medians = COMMANDS.map((c) => `\`${c}\` ${medianOf(c, (x) => x.nodeHttp, (x) => x.axios)} (axios / trivial ${medianOf(c, (x) => x.axios, (x) => x.trivial)}, node:http / trivial ${medianOf(c, (x) => x.nodeHttp, (x) => x.trivial)})`);
  return [
    `#### The dynamic resource's HTTP library: axios against node:http, ${rounds[0].axios!.resources} personas, no key limit, --parallel ${rounds[0].axios!.parallel ?? "default"}, ${rounds.length} round(s)\n`,
    table(["round", "command", "trivial resource", "axios", "node:http", "node:http / axios", "axios / trivial", "node:http / trivial", "provider host CPU s, axios / node:http", "first request from spawn, axios / node:http"], rows),
    `\nMedians of node:http / axios: ${medians.join("; ")}. A diagnostic, not a product variant: bench/provider/transport-variant-preload.js puts a stand-in for the \`axios\` module into the provider host's require cache, so neither axios nor the \`fetch\` implementation it makes Node load is ever loaded, and each request goes straight to node:http. Everything else (limiter, retries, zod, the lifecycle) is the package's. The order of the runs rotates from round to round.`,
  ].join("\n");
}

function distanceSection(rows: DistanceRow[]): string {
  return [
    `### A distant API: ${rows[0].reads} reads at once through the client, a round trip added to each (key without a limit)\n`,
    table(
      ["round trip added", "wall, shared limiter", "wall, no limiter", "limiter / none", "requests per read"],
      rows.map((r) => [`${r.addedMs} ms`, s(r.limitedMs), s(r.unlimitedMs), round2(r.limitedMs / r.unlimitedMs), round2(r.requestsPerRead)]),
    ),
    `\nMedians of ${rows[0].runs} runs each, the two variants alternating which goes first; a fresh limiter per run, as every \`pulumi\` command starts a host (sockets stay open between runs). The round trip is an emulator delay fault on \`GET /v1/influencers/*\`: server-side, no handshake slowed, no jitter (bench/provider/distance.ts). Below 30 ms the limiter's caps are not scaled.`,
  ].join("\n");
}

/** Issue 19's aims, each against this file's figures. */
function aimsSection(r: BenchResults): string | undefined {
  const rows: (string | number)[][] = [];
  const rounds = comparisonRounds(r.engine ?? []);
  const bars: Record<Command, number> = { up: 1.2, refresh: 1.3, destroy: 1.2 };
  for (const c of COMMANDS) {
    if (rounds.length === 0) break;
    const overTrivial = rounds.map((x) => wallOf(x.ours, c)! / wallOf(x.trivial, c)!);
    rows.push([`no key limit, ${rounds[0].ours!.resources} personas, --parallel ${rounds[0].ours!.parallel}: \`${c}\` ≤ ${bars[c]} × the trivial resource`, overTrivial.map(round2).join(", "), ok(median(overTrivial) <= bars[c])]);
    const paced = rounds.filter((x) => x.noPacing);
    if (paced.length) {
      const overNoPacing = paced.map((x) => wallOf(x.ours, c)! / wallOf(x.noPacing, c)!);
      rows.push([`… and \`${c}\` no slower than without client pacing (package / no pacing)`, overNoPacing.map(round2).join(", "), ok(median(overNoPacing) <= 1)]);
    }
    // The same bar for the plugin, and for the engine's cost of a dynamic persona's state
    // alone (the shaped floor, no request): where the floor misses a bar, no dynamic
    // resource keeping that state can meet it.
    for (const [who, pick] of [
      ["… the same personas on the provider plugin", (x: ComparisonRound) => x.plugin],
      ["… the trivial resource holding a persona's state (no request)", (x: ComparisonRound) => x.shaped],
    ] as const) {
      const with_ = rounds.filter((x) => pick(x));
      if (!with_.length) continue;
      const ratios = with_.map((x) => wallOf(pick(x), c)! / wallOf(x.trivial, c)!);
      rows.push([`${who}: \`${c}\` ≤ ${bars[c]} × the trivial resource`, ratios.map(round2).join(", "), ok(median(ratios) <= bars[c])]);
    }
  }
  for (const e of (r.engine ?? []).filter((x) => x.rateLimit > 0 && isDynamic(x) && !x.limiterVariant)) {
    for (const p of e.phases.filter((x) => x.phase !== "preview")) {
      const per100 = (p.rateLimited * 100) / e.resources;
      rows.push([
        `${e.rateLimit} req/s key${e.rateLimitHeaders ? " (stated in RateLimit headers)" : ""}, ${e.resources} personas, ${e.parallel ? `--parallel ${e.parallel}` : "default --parallel"}: \`${p.phase}\` ≤ 1.15 × requests / rate, ≤ 10 429s per 100 personas, none failing`,
        `${p.wallOverFloor} ×, ${round(per100, 1)} per 100 (${p.rateLimited}), ${p.failed ? "failed" : "0 failed"}`,
        ok((p.wallOverFloor ?? Infinity) <= 1.15 && per100 <= 10 && !p.failed),
      ]);
    }
  }
  for (const sh of r.engineShared ?? []) {
    const up = sh.phases.find((p) => p.phase === "up");
    if (!up) continue;
    rows.push([
      `${sh.stacks} stacks × ${sh.personasPerStack} personas at once on one ${sh.rateLimit} req/s key${sh.rateLimitHeaders ? " (stated in RateLimit headers)" : ""}: 0 failed resources, \`up\` ≤ 1.3 × all requests / rate`,
      `${up.failedResources} failed, ${up.wallOverFloor} ×`,
      ok(up.failedResources === 0 && up.wallOverFloor <= 1.3),
    ]);
  }
  if (rows.length === 0) return undefined;
  return [
    "### Issue 19's aims against these figures\n",
    table(["aim", "measured", "met"], rows),
    "\nRatios of the comparison rounds are listed per round; \"met\" judges their median. Wall / floor against a key limit: floor = accepted requests / rate (the creates: at least the job time).",
  ].join("\n");
}

function sharedSection(runs: SharedEngineResult[]): string {
  return [
    "#### Real engine: several stacks on one rate-limited key at once\n",
    table(
      ["stacks × personas", "key", "command", "total wall", "floor", "wall / floor", "requests", "429s", "failed stacks", "failed resources", "each stack's wall"],
      runs.flatMap((sh) => sh.phases.map((p) => [
        `${sh.stacks} × ${sh.personasPerStack}`,
        `${sh.rateLimit} req/s${sh.rateLimitHeaders ? ", headers" : ""}`,
        `pulumi ${p.phase}`, s(p.wallMs), s(p.floorMs), `**${p.wallOverFloor}**`, p.requests, p.rateLimited, p.failedStacks, p.failedResources,
        p.perStackWallMs.map(s).join(", "),
      ])),
    ),
    "\nEvery stack's command starts at the same moment, each in its own CLI and provider host (so each with its own rate limiter), default --parallel. Floor = every request the key accepted / its rate; total wall = first spawn to last exit.",
  ].join("\n");
}
