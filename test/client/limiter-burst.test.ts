// Issue 9, in virtual time: a few 429s with Retry-After on a quiet host, then real work. The
// burst must cost the pauses the server asked for and little more; the work that follows must
// run near the key's limit (≤ 1.3 × requests / limit), as in a host that never saw the 429s.
// Where a key really is saturated, by this process or another, is limiter-keys.test.ts.
import * as assert from "assert";
import { AdaptiveLimiter } from "../../provider/client";
import { FakeClock } from "./support/fake-clock";
import { seededRandom, simRequest, type SimCounts } from "./support/limiter-sim";
import { SimulatedRateLimitedApi } from "./support/simulated-api";

const LIMIT = 10;
const verbose = (...args: unknown[]) => process.env.CLIENT_SIM_VERBOSE && console.log(...args);

/** `n` requests issued at once against a 10 req/s key; the virtual time they take and their 429s. */
async function pushRequests(clock: FakeClock, limiter: AdaptiveLimiter, n: number, seed: number) {
  const api = new SimulatedRateLimitedApi(LIMIT, "token-bucket");
  const counts: SimCounts = { accepted: 0, rejected: 0 };
  const random = seededRandom(seed);
  // The key was idle before: its bucket is full, as the emulator's is.
  const server = (now: number) => api.arrive(now - t0);
  const t0 = clock.now();
  let done = 0;
  for (let i = 0; i < n; i++) void simRequest(clock, limiter, server, counts, random).then(() => done++);
  await clock.run(() => done === n);
  return { ms: clock.now() - t0, ...counts };
}

/** One create whose first `polls429` job polls are answered 429 (Retry-After 1 s) by an otherwise idle server. */
async function burstOf429s(clock: FakeClock, limiter: AdaptiveLimiter, polls429: number) {
  const counts: SimCounts = { accepted: 0, rejected: 0 };
  const random = seededRandom(7);
  let left = polls429;
  const injected = () => (left-- > 0 ? 1000 : undefined);
  const t0 = clock.now();
  let done = false;
  void (async () => {
    await simRequest(clock, limiter, () => undefined, counts, random); // POST
    await simRequest(clock, limiter, injected, counts, random); // the job poll, retried through the 429s
    await simRequest(clock, limiter, () => undefined, counts, random); // PATCH
    done = true;
  })();
  await clock.run(() => done);
  return { ms: clock.now() - t0, ...counts };
}

describe("client limiter after a short 429 burst (issue 9)", () => {
  for (const n of [90, 300]) {
    it(`3 × 429 (Retry-After 1 s) on a quiet host, then ${n} requests at once: the pauses, then ≤ 1.3 × ${n / LIMIT} s`, async () => {
      const clock = new FakeClock();
      const limiter = new AdaptiveLimiter({ clock });
      const burst = await burstOf429s(clock, limiter, 3);
      const afterBurst = limiter.snapshot();
      const work = await pushRequests(clock, limiter, n, 42);
      const freshClock = new FakeClock();
      const fresh = await pushRequests(freshClock, new AdaptiveLimiter({ clock: freshClock }), n, 42);
      verbose({ n, burst, afterBurst, work, fresh });

      assert.strictEqual(burst.rejected, 3);
      // Three Retry-After pauses (plus ≤ 250 ms jitter each), three round trips besides.
      assert.ok(burst.ms <= 3 * 1250 + 4 * 30 + 100, `the burst took ${burst.ms} ms`);
      const floor = (n / LIMIT) * 1000;
      assert.ok(work.ms <= 1.3 * floor, `${n} requests after the burst took ${work.ms} ms, floor ${floor} ms (fresh host: ${fresh.ms} ms)`);
      assert.ok(work.rejected <= fresh.rejected, `429s after the burst ${work.rejected}, fresh host ${fresh.rejected}`);
    });
  }
});
