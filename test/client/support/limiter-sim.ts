// One simulated request as the transport makes it (provider/client/http.ts): take a permit,
// 5 ms out, the server decides, 25 ms back (by default: a `Distance` sets others); a 429
// reports Retry-After to the limiter and is retried after retryDelayMs, within the retry
// policy's count and time budget. Shared by the limiter simulations (virtual time, FakeClock).
import { DEFAULT_RETRY_POLICY, retryDelayMs, type Permit, type StatedLimit } from "../../../provider/client";
import { RetryBudget } from "../../../provider/client/retry";
import type { FakeClock } from "./fake-clock";

/** Decides a request arriving at `now`: undefined = accepted, else Retry-After in ms. */
export type Server = (now: number) => number | undefined;

/** What the limiter simulations need of a limiter (AdaptiveLimiter, or a variant to compare). */
export interface SimLimiter {
  acquire(): Promise<Permit>;
}

/** A seeded LCG, so that a simulation's jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export interface SimCounts {
  accepted: number;
  rejected: number;
}

/** How far the API is: ms to reach it and ms for its answer to come back. */
export interface Distance {
  outMs: number;
  backMs: number;
}
/** The default: the 30 ms round trip the limiter's caps are counts for (limiter.ts). */
export const NEARBY: Distance = { outMs: 5, backMs: 25 };

/**
 * Sends one request until accepted; false when the retry policy gives up (the request, and
 * the resource operation making it, fails). `stated` is what the response's RateLimit
 * headers say, read right after the server decided (undefined: no headers).
 */
export async function simRequest(
  clock: FakeClock,
  limiter: SimLimiter,
  server: Server,
  counts: SimCounts,
  random: () => number,
  stated?: () => StatedLimit | undefined,
  distance: Distance = NEARBY,
): Promise<boolean> {
  const budget = new RetryBudget(DEFAULT_RETRY_POLICY);
  for (;;) {
    const permit = await limiter.acquire();
    await clock.sleep(distance.outMs);
    const retryAfter = server(clock.now());
    const info = stated?.();
    await clock.sleep(distance.backMs);
    budget.recordAttempt(distance.outMs + distance.backMs);
    if (retryAfter === undefined) {
      counts.accepted += 1;
      permit.succeeded(info);
      return true;
    }
    counts.rejected += 1;
    permit.rateLimited(retryAfter, info);
    const delay = retryDelayMs(budget.retriesUsed, DEFAULT_RETRY_POLICY, retryAfter, random);
    if (!budget.tryRetry(delay, true)) return false;
    await clock.sleep(delay);
  }
}
