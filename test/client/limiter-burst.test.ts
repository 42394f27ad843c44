// Issue 9, in virtual time: a few 429s with Retry-After on a quiet host, then real work. The
// burst must cost the pauses the server asked for and little more; the work that follows must
// run near the key's limit (≤ 1.3 × requests / limit), as in a host that never saw the 429s.
// And where the key really is saturated the fix must not buy speed with more 429s.
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

  // The other side of the aim: 429s that do come from a saturated key must still slow the
  // host as before. Two processes (two limiters) share one 10 req/s key.
  it("two busy processes on one 10 req/s key: every request succeeds, 429s stay rare", async () => {
    const clock = new FakeClock();
    const api = new SimulatedRateLimitedApi(LIMIT, "token-bucket");
    const server = (now: number) => api.arrive(now);
    const hosts = [new AdaptiveLimiter({ clock }), new AdaptiveLimiter({ clock })];
    const counts = hosts.map((): SimCounts => ({ accepted: 0, rejected: 0 }));
    let done = 0;
    hosts.forEach((limiter, h) => {
      const random = seededRandom(11 + h);
      for (let i = 0; i < 200; i++) void simRequest(clock, limiter, server, counts[h], random).then(() => done++);
    });
    const ms = await clock.run(() => done === 400);
    verbose({ ms, counts, hosts: hosts.map((l) => l.snapshot()) });
    assert.strictEqual(api.accepted, 400);
    assert.ok(api.rejected <= BASELINE.twoBusy, `${api.rejected} 429s (before issue 9: ${BASELINE.twoBusy})`);
  });

  it("a quiet process on a key another process saturates: its load spike still backs off", async () => {
    const clock = new FakeClock();
    const api = new SimulatedRateLimitedApi(LIMIT, "token-bucket");
    const server = (now: number) => api.arrive(now);
    const busy = new AdaptiveLimiter({ clock });
    const quiet = new AdaptiveLimiter({ clock });
    const busyCounts: SimCounts = { accepted: 0, rejected: 0 };
    const quietCounts: SimCounts = { accepted: 0, rejected: 0 };
    let done = 0;
    const busyRandom = seededRandom(21);
    for (let i = 0; i < 300; i++) void simRequest(clock, busy, server, busyCounts, busyRandom).then(() => done++);
    const quietRandom = seededRandom(22);
    void (async () => {
      // One request every 500 ms for 10 s, then 60 at once.
      for (let i = 0; i < 20; i++) {
        await simRequest(clock, quiet, server, quietCounts, quietRandom);
        await clock.sleep(500);
      }
      await Promise.all(Array.from({ length: 60 }, () => simRequest(clock, quiet, server, quietCounts, quietRandom)));
      done += 80;
    })();
    const ms = await clock.run(() => done === 380);
    verbose({ ms, busyCounts, quietCounts, busy: busy.snapshot(), quiet: quiet.snapshot() });
    assert.strictEqual(api.accepted, 380);
    assert.ok(api.rejected <= BASELINE.quietAndBusy, `${api.rejected} 429s (before issue 9: ${BASELINE.quietAndBusy})`);
  });
});

// A key with a higher limit than the default, saturated by one process: slow start must find
// it without a storm of 429s. A faster start (x5 per second past 30 req/s) was tried for
// stacks without a limit and reverted: these keys then saw 19 and 18 429s instead of 5 and 9.
describe("client limiter on keys above the default limit", () => {
  for (const [limit, bar] of [[60, 5], [100, 9]] as const) {
    it(`1,500 requests at once against a ${limit} req/s key: every one succeeds, at most ${bar} 429s`, async () => {
      const clock = new FakeClock();
      const api = new SimulatedRateLimitedApi(limit, "token-bucket");
      const limiter = new AdaptiveLimiter({ clock });
      const counts: SimCounts = { accepted: 0, rejected: 0 };
      const random = seededRandom(5);
      let done = 0;
      for (let i = 0; i < 1500; i++) void simRequest(clock, limiter, (now) => api.arrive(now), counts, random).then(() => done++);
      const ms = await clock.run(() => done === 1500);
      verbose({ limit, ms, counts, limiter: limiter.snapshot() });
      assert.strictEqual(api.accepted, 1500);
      assert.ok(api.rejected <= bar, `${api.rejected} 429s`);
      assert.ok(ms <= 1.3 * (1500 / limit) * 1000, `${ms} ms against a ${(1500 / limit) * 1000} ms floor`);
    });
  }
});

/** 429s in these runs with the limiter as it was before issue 9 (same seeds): the bar not to exceed. */
const BASELINE = { twoBusy: 11, quietAndBusy: 7 };
