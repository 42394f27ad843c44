// The benchmark's markdown: one table per section, figures as ratios and counts where possible.
import type { BurstResult } from "./burst";
import type { EngineResult } from "./engine";
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
  engine: EngineResult[];
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
  for (const e of r.engine ?? []) sections.push(engineSection(e));
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
    `### Big stack: ${st.resources} resources, one host, job ${s(st.jobMs)}, rate limit ${st.rateLimit ? `${st.rateLimit} req/s` : "off"}${variant}\n`,
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

export function engineSection(e: EngineResult): string {
  const cpu = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `#### Real engine: ${e.resources} personas, job ${s(e.jobMs)}, rate limit ${e.rateLimit ? `${e.rateLimit} req/s` : "off"}, ${e.parallel ? `--parallel ${e.parallel}` : "default --parallel (4 × CPUs)"}${e.skipCheckpoints ? ", PULUMI_SKIP_CHECKPOINTS=true" : ""}`,
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
