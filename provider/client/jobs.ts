// Waiting for an asynchronous job (influencer create/clone) to reach a terminal status.
//
// Poll schedule, chosen to keep both the detection lag and the request count small:
// - the first poll is immediate (a replayed create may point at a job that is already done);
// - when a non-terminal response carries Retry-After, wait exactly that long: the server says
//   the job cannot finish sooner (the emulator sends floor(remaining seconds) when >= 1), so
//   the wait adds no lag, and we never wait longer than the server asked;
// - otherwise back off from 100 ms by x1.5 up to 1.5 s, but never more than
//   max(150 ms, 10% of the time waited so far): the job has run at least that long, so the
//   detection lag stays within max(150 ms, 10% of the job's duration).
// For a 10 s job against the emulator that is about six polls and a lag of a few hundred ms.
// - a job this client started itself (not a replay) is not polled before the time the
//   fastest job of its kind this process has seen took (JobHistory: server clock,
//   completedAt - createdAt, counted from when our POST left). Creates that start after
//   one has finished skip the polls before that time (a 0.5 s create in sequence: 1 poll
//   instead of 5; `pulumi up` of 200 personas with 2 s jobs: ~6 per create instead of 8).
//   The lag bound above holds for every job at least as long as the fastest seen; a faster
//   one is seen when that fastest time is up, and becomes the new fastest.
import { APIError, JobFailedError, JobTimeoutError, LayersError, WaitAbortedError } from "./errors";
import { isTerminalJobStatus, type Job } from "./schemas";

export interface JobSource {
  getJob(jobId: string): Promise<Job & { retryAfterMs?: number }>;
}

export interface WaitForJobOptions {
  /**
   * How long to wait at most, in ms from now. (A value above 1e12 is read as an absolute
   * epoch-ms deadline, so passing `Date.now() + x` by mistake still works.)
   */
  deadlineMs: number;
  signal?: AbortSignal;
  onPoll?: (job: Job) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /**
   * The earliest time (epoch ms, `now`'s clock) the job can be expected to finish, asked
   * before every wait: no poll is sent before it. Undefined: nothing is known.
   */
  earliestDoneAt?: () => number | undefined;
}

export const POLL_INITIAL_MS = 100;
export const POLL_FACTOR = 1.5;
export const POLL_MAX_MS = 1500;
export const POLL_MIN_LAG_MS = 150;
export const POLL_LAG_RATIO = 0.1;

/** The wait before the next poll; `pollIndex` counts polls already made (first value used: 1). */
export function nextPollDelayMs(pollIndex: number, elapsedMs: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return retryAfterMs;
  const backoff = Math.min(POLL_MAX_MS, POLL_INITIAL_MS * POLL_FACTOR ** Math.max(0, pollIndex - 1));
  const lagCap = Math.max(POLL_MIN_LAG_MS, POLL_LAG_RATIO * elapsedMs);
  return Math.round(Math.min(backoff, lagCap));
}

/** A poll failure worth waiting out (the request layer already retried it): outage, 429, 5xx. */
function isTransient(e: unknown): boolean {
  return e instanceof APIError && (e.status === undefined || e.status === 429 || e.status >= 500);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForJob(client: JobSource, jobId: string, opts: WaitForJobOptions): Promise<Job> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const start = now();
  const deadline = opts.deadlineMs > 1e12 ? opts.deadlineMs : start + Math.max(0, opts.deadlineMs);
  let last: Job | undefined;
  let lastError: unknown;
  const notYet = () => Math.min((opts.earliestDoneAt?.() ?? 0) - now(), deadline - now());
  // Known not to be done yet: the first poll would only say "running".
  if (notYet() > 0) await abortable(sleep(notYet()), opts.signal, jobId);
  for (let polls = 1; ; polls++) {
    if (opts.signal?.aborted) throw new WaitAbortedError(jobId);
    let hint: number | undefined;
    try {
      const { retryAfterMs, ...job } = await client.getJob(jobId);
      last = job;
      hint = retryAfterMs;
      opts.onPoll?.(job);
      if (isTerminalJobStatus(job.status)) {
        if (job.status === "succeeded") return job;
        throw new JobFailedError(jobId, job.influencerId, job.status, job.error?.code, job.error?.message);
      }
    } catch (e) {
      if (!isTransient(e)) throw e;
      lastError = e; // e.g. the API restarting: keep polling until the deadline
    }
    const elapsed = now() - start;
    const left = deadline - now();
    if (left <= 0) {
      const err = new JobTimeoutError(jobId, last?.influencerId ?? null, elapsed, last?.status);
      if (!last && lastError instanceof LayersError) err.message += `; last poll error: ${lastError.message}`;
      throw err;
    }
    const delay = Math.max(nextPollDelayMs(polls, elapsed, hint), notYet());
    await abortable(sleep(Math.min(delay, left)), opts.signal, jobId);
  }
}

/**
 * What one client has seen of its jobs: when it started each (the POST that was not a
 * replay) and the fastest successful run of each kind, on the server's clock
 * (completedAt - createdAt), so no clock skew enters. The start is taken before the POST is
 * sent, queue and retries included: early, so the estimate errs towards polling sooner.
 */
export class JobHistory {
  private readonly fastestMs = new Map<string, number>();
  private readonly startedAt = new Map<string, { kind: string; at: number }>();

  started(jobId: string, kind: string, at: number): void {
    this.startedAt.set(jobId, { kind, at });
  }

  /** Undefined for a job this client did not start, or a kind it has not seen finish. */
  earliestDoneAt(jobId: string): number | undefined {
    const start = this.startedAt.get(jobId);
    const fastest = start && this.fastestMs.get(start.kind);
    return start && fastest !== undefined ? start.at + fastest : undefined;
  }

  /** The wait is over (any outcome); a success teaches its kind's duration. */
  finished(jobId: string, job?: Job): void {
    this.startedAt.delete(jobId);
    if (job?.status !== "succeeded" || !job.completedAt) return;
    const ms = Date.parse(job.completedAt) - Date.parse(job.createdAt);
    if (!Number.isFinite(ms) || ms < 0) return;
    this.fastestMs.set(job.kind, Math.min(ms, this.fastestMs.get(job.kind) ?? Infinity));
  }
}

function abortable(p: Promise<void>, signal: AbortSignal | undefined, jobId: string): Promise<void> {
  if (!signal) return p;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new WaitAbortedError(jobId));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      reject,
    );
  });
}
