// Job detection lag: how long create keeps the user waiting after the API finished the job.
//
// Two lags per create, both against the emulator's own terminal instant (job.completedAt,
// ms precision, the same clock since the emulator runs in this process):
// - detection lag = arrival of the last GET /v1/jobs/:id (the poll that saw the terminal
//   status; the client stops polling after it) minus completedAt. This is what the poll
//   schedule controls and what the aim max(150 ms, 10 % of the job time) applies to.
// - return lag = create returning over gRPC minus completedAt: detection plus the PATCH
//   that applies the persona plus the host's answer.
import type { Props } from "../../test/support/host";
import { declareInfluencers, PERSONA, startBenchRig } from "./rig";
import { isJobPoll, shortName, type Control } from "./requests";
import { round, summarize, type Summary } from "./stats";

export interface LagRun {
  jobMs: number;
  polls: number;
  detectionLagMs: number;
  returnLagMs: number;
  /** Requests between the poll that saw "succeeded" and create returning, e.g. ["PATCH"]. */
  after: string[];
  /** When each poll arrived, ms after the POST (to explain the schedule). */
  pollOffsetsMs: number[];
}

export interface LagRow {
  jobMs: number;
  runs: number;
  aimMs: number;
  detectionLagMs: Summary;
  returnLagMs: Summary;
  polls: Summary;
  /** Worst detection lag over the aim: <= 1 meets it. */
  worstOverAim: number;
  samples: LagRun[];
}

export const lagAimMs = (jobMs: number) => Math.max(150, 0.1 * jobMs);

export async function measureLag(plan: readonly { jobMs: number; runs: number }[]): Promise<LagRow[]> {
  const names = plan.flatMap(({ jobMs, runs }) => Array.from({ length: runs }, (_, i) => `lag-${jobMs}-${i}`));
  const rig = await startBenchRig({ jobMs: plan[0]?.jobMs ?? 500 });
  try {
    const declared = new Map((await declareInfluencers(names, { projectId: rig.emulator.projectId, ...PERSONA })).map((d) => [d.name, d]));
    const rows: LagRow[] = [];
    for (const { jobMs, runs } of plan) {
      await rig.control.config({ jobMs });
      const samples: LagRun[] = [];
      for (let i = 0; i < runs; i++) {
        const d = declared.get(`lag-${jobMs}-${i}`)!;
        const checked = await rig.host.check(d.urn, {}, d.inputs);
        await rig.control.clearRequests();
        const { id } = await rig.host.create(d.urn, checked.inputs as Props);
        const returnedAt = Date.now();
        samples.push(await lagOf(rig.control, id, jobMs, returnedAt));
      }
      const detection = summarize(samples.map((s) => s.detectionLagMs));
      rows.push({
        jobMs,
        runs,
        aimMs: lagAimMs(jobMs),
        detectionLagMs: detection,
        returnLagMs: summarize(samples.map((s) => s.returnLagMs)),
        polls: summarize(samples.map((s) => s.polls)),
        worstOverAim: round(detection.max / lagAimMs(jobMs), 2),
        samples,
      });
    }
    return rows;
  } finally {
    await rig.close();
  }
}

async function lagOf(control: Control, influencerId: string, jobMs: number, returnedAt: number): Promise<LagRun> {
  const [log, jobs] = await Promise.all([control.requests(), control.jobs()]);
  const job = jobs.find((j) => j.influencerId === influencerId);
  if (!job || job.completedAtMs === null) throw new Error(`lag: no terminal job for ${influencerId}`);
  const polls = log.filter((r) => isJobPoll(r, job.jobId));
  const last = polls[polls.length - 1];
  if (!last) throw new Error(`lag: create of ${influencerId} never polled its job`);
  const post = log.find((r) => r.method === "POST");
  return {
    jobMs,
    polls: polls.length,
    detectionLagMs: last.atMs - job.completedAtMs,
    returnLagMs: returnedAt - job.completedAtMs,
    after: log.filter((r) => r.atMs >= last.atMs && r !== last).map(shortName),
    pollOffsetsMs: polls.map((p) => p.atMs - (post?.atMs ?? p.atMs)),
  };
}
