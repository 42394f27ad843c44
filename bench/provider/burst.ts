// Issue 9's sequence: a host meets a short burst of 429s, then real work. One create whose
// first job polls are answered 429 (Retry-After 1 s, injected by an emulator fault rule),
// then N creates at once against a rate-limited key; the same N creates in a fresh host for
// comparison. What it shows: whether a few 429s leave the host's shared limiter slower than
// the API allows once they are over.
//
// Floor of the creates = fewest requests (POST + one poll + PATCH per create) / rate, or the
// accepted requests / rate (a 429 takes no token from the emulator's bucket); of the burst
// create = the Retry-After pauses it was asked for.
import { declareInfluencers, PERSONA, startBenchRig, type BenchRig, type Declared } from "./rig";
import { shortName } from "./requests";
import { round, tally } from "./stats";

export interface BurstRun {
  /** "after 429 burst" or "fresh host". */
  host: string;
  /** The burst create: wall, its floor (the Retry-After pauses) and its 429s; absent for the fresh host. */
  burst?: { wallMs: number; floorMs: number; rateLimited: number };
  creates: number;
  wallMs: number;
  requests: number;
  rateLimited: number;
  failures: number;
  /** Fewest requests / rate. */
  minFloorMs: number;
  /** Accepted requests / rate. */
  floorMs: number;
  wallOverMinFloor: number;
  byEndpoint: Record<string, number>;
}

export interface BurstResult {
  rateLimit: number;
  jobMs: number;
  burst429s: number;
  retryAfterSeconds: number;
  runs: BurstRun[];
}

const MIN_REQUESTS_PER_CREATE = 3;

export async function measureBurst(opts: { creates: number; rateLimit: number; jobMs: number; burst429s?: number; retryAfterSeconds?: number }): Promise<BurstResult> {
  const burst429s = opts.burst429s ?? 3;
  const retryAfterSeconds = opts.retryAfterSeconds ?? 1;
  const runs: BurstRun[] = [];
  for (const afterBurst of [true, false]) {
    const rig = await startBenchRig({ jobMs: opts.jobMs, rateLimit: opts.rateLimit });
    try {
      const names = Array.from({ length: opts.creates }, (_, i) => `burst-${String(i).padStart(3, "0")}`);
      const [first, ...declared] = await declareInfluencers(["burst-first", ...names], { projectId: rig.emulator.projectId, ...PERSONA });
      let burst: BurstRun["burst"];
      if (afterBurst) {
        await rig.control.fault({ method: "GET", path: "/v1/jobs/*", times: burst429s, action: { type: "status", status: 429, retryAfter: retryAfterSeconds } });
        await rig.control.clearRequests();
        const t0 = Date.now();
        await createOne(rig, first);
        const log = await rig.control.requests();
        burst = { wallMs: Date.now() - t0, floorMs: burst429s * retryAfterSeconds * 1000, rateLimited: log.filter((r) => r.status === 429).length };
      }
      await rig.control.clearRequests();
      const t0 = Date.now();
      const settled = await Promise.allSettled(declared.map((d) => createOne(rig, d)));
      const wallMs = Date.now() - t0;
      const log = await rig.control.requests();
      const accepted = log.filter((r) => r.status !== 429).length;
      const minFloorMs = ((opts.creates * MIN_REQUESTS_PER_CREATE) / opts.rateLimit) * 1000;
      runs.push({
        host: afterBurst ? `after ${burst429s} × 429` : "fresh host",
        burst,
        creates: opts.creates,
        wallMs,
        requests: log.length,
        rateLimited: log.filter((r) => r.status === 429).length,
        failures: settled.filter((s) => s.status === "rejected").length,
        minFloorMs: round(minFloorMs),
        floorMs: round((accepted / opts.rateLimit) * 1000),
        wallOverMinFloor: round(wallMs / minFloorMs, 2),
        byEndpoint: tally(log.map((r) => (r.status === 429 ? `${shortName(r)} (429)` : shortName(r)))),
      });
    } finally {
      await rig.close();
    }
  }
  return { rateLimit: opts.rateLimit, jobMs: opts.jobMs, burst429s, retryAfterSeconds, runs };
}

async function createOne(rig: BenchRig, d: Declared): Promise<void> {
  const checked = (await rig.host.check(d.urn, {}, d.inputs)).inputs;
  await rig.host.create(d.urn, checked);
}
