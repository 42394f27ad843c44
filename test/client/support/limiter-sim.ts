// One simulated request as the transport makes it (provider/client/http.ts): take a permit,
// ~5 ms out, the server decides, ~25 ms back; a 429 reports Retry-After to the limiter and is
// retried after retryDelayMs. Shared by the limiter simulations (virtual time, FakeClock).
import { DEFAULT_RETRY_POLICY, retryDelayMs, type AdaptiveLimiter } from "../../../provider/client";
import type { FakeClock } from "./fake-clock";

/** Decides a request arriving at `now`: undefined = accepted, else Retry-After in ms. */
export type Server = (now: number) => number | undefined;

/** A seeded LCG, so that a simulation's jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export interface SimCounts {
  accepted: number;
  rejected: number;
}

/** Sends one request until accepted (or out of retries: returns false). */
export async function simRequest(clock: FakeClock, limiter: AdaptiveLimiter, server: Server, counts: SimCounts, random: () => number): Promise<boolean> {
  for (let retry = 0; ; retry++) {
    const permit = await limiter.acquire();
    await clock.sleep(5);
    const retryAfter = server(clock.now());
    await clock.sleep(25);
    if (retryAfter === undefined) {
      counts.accepted += 1;
      permit.succeeded();
      return true;
    }
    counts.rejected += 1;
    permit.rateLimited(retryAfter);
    if (retry >= DEFAULT_RETRY_POLICY.maxRateLimitedRetries) return false;
    await clock.sleep(retryDelayMs(retry, DEFAULT_RETRY_POLICY, retryAfter, random));
  }
}
