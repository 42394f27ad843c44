// A big stack in one provider host: N creates, then a refresh of all N, then a preview
// (check + diff of all N), every call of a phase issued at once, as the engine does for
// independent resources at its default parallelism. Run with the emulator's rate limit
// off and on.
//
// Floor of a phase = the least wall time the API allows: max(job time, requests / rate)
// for the creates, requests / rate for the refresh, and nothing for the preview (it needs
// no request). With the rate limit off only the job time remains. Two floors are given for
// the creates: with the requests the provider actually sent, and with the fewest requests
// a create needs (POST + one poll + PATCH).
import type { Props } from "../../test/support/host";
import { cpuSecondsOf, memoryOf } from "./machine";
import { declareInfluencers, PERSONA, startBenchRig, type BenchRig, type Declared, type LimiterVariant } from "./rig";
import { shortName, type LoggedRequest } from "./requests";
import { round, tally } from "./stats";

export interface PhaseResult {
  phase: "create" | "refresh" | "preview";
  rateLimit: number;
  resources: number;
  wallMs: number;
  requests: number;
  rateLimited: number;
  failures: number;
  /** First failure messages (at most 3), to say why. */
  failureSamples: string[];
  byEndpoint: Record<string, number>;
  /** Floor with the requests actually accepted (not 429); null when nothing bounds the phase. */
  floorMs: number | null;
  /** Floor with the fewest requests the phase needs. */
  minFloorMs: number | null;
  wallOverFloor: number | null;
  /** Requests the API answered per second of wall time (429s included). */
  requestsPerSecond: number;
  hostCpuSeconds: number;
  hostPeakMb: number;
  /** Phase-specific: diffs reporting a change in the preview (should be 0). */
  changedDiffs?: number;
}

export interface StackResult {
  /** Set for the diagnostic runs with a replaced client rate limiter. */
  limiterVariant?: LimiterVariant;
  rateLimit: number;
  /** The emulator stated its limit in RateLimit headers. */
  rateLimitHeaders?: boolean;
  jobMs: number;
  resources: number;
  hostBaselineMb: number;
  phases: PhaseResult[];
}

const MIN_REQUESTS_PER_CREATE = 3; // POST + one job poll that sees it finished + PATCH

export async function measureStack(opts: { resources: number; jobMs: number; rateLimit: number; rateLimitHeaders?: boolean; limiterVariant?: LimiterVariant }): Promise<StackResult> {
  const rig = await startBenchRig(opts);
  try {
    const names = Array.from({ length: opts.resources }, (_, i) => `stack-${String(i).padStart(3, "0")}`);
    const declared = await declareInfluencers(names, { projectId: rig.emulator.projectId, ...PERSONA });
    const hostBaselineMb = round(memoryOf(rig.host.pid).peakMb, 1);
    const phases: PhaseResult[] = [];
    const measure = phaseRunner(rig, opts, phases);

    type Created = { d: Declared; checked: Props; id: string; outputs: Props };
    const created = await measure("create", async (d: Declared): Promise<Created> => {
      const checked = (await rig.host.check(d.urn, {}, d.inputs)).inputs;
      const { id, properties } = await rig.host.create(d.urn, checked);
      return { d, checked, id, outputs: properties };
    }, declared);

    const live = created.filter((c): c is Created => c !== undefined);
    const refreshed = await measure("refresh", async (c: Created) => {
      const { properties } = await rig.host.read(c.id, c.d.urn, c.outputs, c.checked);
      return { ...c, outputs: properties };
    }, live);

    const current = refreshed.filter((c): c is Created => c !== undefined);
    let changed = 0;
    await measure("preview", async (c: Created) => {
      const checked = (await rig.host.check(c.d.urn, c.checked, c.d.inputs)).inputs;
      const diff = await rig.host.diff(c.id, c.d.urn, c.outputs, checked, c.checked);
      if (diff.changes !== "DIFF_NONE") changed++;
    }, current);
    phases[phases.length - 1].changedDiffs = changed;

    return { limiterVariant: opts.limiterVariant, rateLimit: opts.rateLimit, rateLimitHeaders: opts.rateLimitHeaders || undefined, jobMs: opts.jobMs, resources: opts.resources, hostBaselineMb, phases };
  } finally {
    await rig.close();
  }
}

function phaseRunner(rig: BenchRig, opts: { jobMs: number; rateLimit: number }, phases: PhaseResult[]) {
  return async <I, O>(phase: PhaseResult["phase"], fn: (item: I) => Promise<O>, items: readonly I[]): Promise<(O | undefined)[]> => {
    await rig.control.clearRequests();
    const cpu0 = cpuSecondsOf(rig.host.pid);
    const t0 = Date.now();
    const settled = await Promise.allSettled(items.map(fn));
    const wallMs = Date.now() - t0;
    const log = await rig.control.requests();
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    phases.push({
      phase,
      rateLimit: opts.rateLimit,
      resources: items.length,
      wallMs,
      requests: log.length,
      rateLimited: log.filter((r) => r.status === 429).length,
      failures: failures.length,
      failureSamples: failures.slice(0, 3).map((f) => String((f.reason as Error)?.message ?? f.reason).slice(0, 300)),
      byEndpoint: tally(log.map(label)),
      ...floors(phase, items.length, log, opts),
      wallOverFloor: null,
      requestsPerSecond: round(log.length / (wallMs / 1000), 1),
      hostCpuSeconds: round(cpuSecondsOf(rig.host.pid) - cpu0, 2),
      hostPeakMb: round(memoryOf(rig.host.pid).peakMb, 1),
    });
    const p = phases[phases.length - 1];
    p.wallOverFloor = p.floorMs ? round(wallMs / p.floorMs, 2) : null;
    return settled.map((s) => (s.status === "fulfilled" ? s.value : undefined));
  };
}

const label = (r: LoggedRequest) => (r.status === 429 ? `${shortName(r)} (429)` : shortName(r));

function floors(phase: PhaseResult["phase"], n: number, log: LoggedRequest[], opts: { jobMs: number; rateLimit: number }) {
  // A 429 takes no token from the emulator's bucket, so only the other requests use up the rate.
  const accepted = log.filter((r) => r.status !== 429).length;
  const byRate = (requests: number) => (opts.rateLimit > 0 ? (requests / opts.rateLimit) * 1000 : 0);
  if (phase === "create") {
    return { floorMs: round(Math.max(opts.jobMs, byRate(accepted))), minFloorMs: round(Math.max(opts.jobMs, byRate(n * MIN_REQUESTS_PER_CREATE))) };
  }
  if (phase === "refresh" && opts.rateLimit > 0) return { floorMs: round(byRate(accepted)), minFloorMs: round(byRate(n)) };
  return { floorMs: null, minFloorMs: null };
}
