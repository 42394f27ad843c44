// Generation progress is derived from timestamps, never from timers: a job created at T with
// duration D has its row `pending` until T + D/3, `training` until T + D, then `ready` (or
// `failed`) at exactly T + D, when the job turns terminal. Nothing needs re-arming after a
// restart, and the terminal instant is exact to the millisecond.
import type { InfluencerStatus, Job } from "./types";

export type JobStatus = "running" | "succeeded" | "failed" | "canceled";

export interface Phase {
  rowStatus: InfluencerStatus;
  jobStatus: JobStatus;
  /** When the row last changed status (ms). */
  rowChangedAt: number;
  /** The terminal instant (ms), or null while the job runs. */
  completedAt: number | null;
  /** Nominal end of the job, used for the Retry-After polling hint. */
  dueAt: number;
}

export const GENERATION_FAILED = {
  code: "GENERATION_FAILED",
  message: "Persona generation failed; create a new influencer to try again.",
};

export function phaseAt(job: Job, now: number): Phase {
  const trainingAt = job.createdAt + Math.floor(job.durationMs / 3);
  const dueAt = job.createdAt + job.durationMs;
  const rowBefore = now < trainingAt ? { rowStatus: "pending" as const, rowChangedAt: job.createdAt } : { rowStatus: "training" as const, rowChangedAt: trainingAt };
  if (job.canceledAt !== null && (job.outcome === "stuck" || job.canceledAt < dueAt)) {
    if (now < job.canceledAt) return { ...rowBefore, jobStatus: "running", completedAt: null, dueAt };
    return { ...rowAt(job, job.canceledAt), jobStatus: "canceled", completedAt: job.canceledAt, dueAt };
  }
  if (now < dueAt || job.outcome === "stuck") return { ...rowBefore, jobStatus: "running", completedAt: null, dueAt };
  if (job.outcome === "fail") return { rowStatus: "failed", rowChangedAt: dueAt, jobStatus: "failed", completedAt: dueAt, dueAt };
  return { rowStatus: "ready", rowChangedAt: dueAt, jobStatus: "succeeded", completedAt: dueAt, dueAt };
}

function rowAt(job: Job, at: number): { rowStatus: InfluencerStatus; rowChangedAt: number } {
  const trainingAt = job.createdAt + Math.floor(job.durationMs / 3);
  return at < trainingAt ? { rowStatus: "pending", rowChangedAt: job.createdAt } : { rowStatus: "training", rowChangedAt: trainingAt };
}

/** Seconds a poller may wait without missing completion: floor(remaining), only when >= 1. */
export function retryAfterSeconds(phase: Phase, now: number): number | null {
  if (phase.completedAt !== null) return null;
  const s = Math.floor((phase.dueAt - now) / 1000);
  return s >= 1 ? s : null;
}
