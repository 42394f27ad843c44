import * as assert from "assert";
import { AdaptiveLimiter, limiterFor, resetLimiters, retryDelayMs, DEFAULT_RETRY_POLICY } from "../../provider/client";
import { FakeClock } from "./support/fake-clock";
import { seededRandom, simRequest } from "./support/limiter-sim";
import { SimulatedRateLimitedApi, type RateRule } from "./support/simulated-api";

describe("client limiter", () => {
  it("paces grants at the configured rate", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 10, increasePerSecond: 0 });
    const grants: number[] = [];
    const all = Array.from({ length: 40 }, () => limiter.acquire().then((p) => (grants.push(clock.now()), p.succeeded())));
    await clock.run(() => grants.length === 40);
    await Promise.all(all);
    for (let i = 0; i + 10 < grants.length; i++) {
      assert.ok(grants[i + 10] - grants[i] >= 1000, `at most 10 grants in any second (i=${i}: ${grants[i + 10] - grants[i]} ms)`);
    }
    assert.ok(grants[39] <= 4000, "and not much slower than that");
  });

  it("caps requests in flight", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 1000, maxConcurrent: 3 });
    const permits: Array<{ failed(): void }> = [];
    for (let i = 0; i < 10; i++) void limiter.acquire().then((p) => permits.push(p));
    await clock.run(() => false, 50);
    assert.strictEqual(permits.length, 3);
    assert.strictEqual(limiter.snapshot().queued, 7);
    permits[0].failed();
    permits[0].failed(); // a second release of the same permit must not free another slot
    await clock.run(() => false, 50);
    assert.strictEqual(permits.length, 4);
    assert.strictEqual(limiter.snapshot().inFlight, 3);
  });

  it("on 429 halves the rate once per generation and pauses every caller for Retry-After", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 10, increasePerSecond: 0 });
    const permits: Array<Awaited<ReturnType<AdaptiveLimiter["acquire"]>>> = [];
    for (let i = 0; i < 4; i++) void limiter.acquire().then((p) => permits.push(p));
    await clock.run(() => permits.length === 4);
    const t429 = clock.now();
    for (const p of permits) p.rateLimited(2000); // four in-flight requests all hit the limit
    const snap = limiter.snapshot();
    assert.strictEqual(snap.decreases, 1, "one decrease for one overshoot, not one per 429");
    assert.strictEqual(snap.rate, 5);
    assert.strictEqual(snap.rateLimited, 4);
    let grantedAt = -1;
    void limiter.acquire().then((p) => ((grantedAt = clock.now()), p.succeeded()));
    await clock.run(() => grantedAt >= 0);
    assert.ok(grantedAt >= t429 + 2000, `next grant waits out Retry-After (${grantedAt - t429} ms)`);
  });

  it("a 429 on a request nobody waited behind pauses every caller but keeps the rate; one our pace caused halves it", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 8, increasePerSecond: 0 });
    const alone = await limiter.acquire();
    alone.rateLimited(1000);
    assert.deepStrictEqual([limiter.snapshot().rate, limiter.snapshot().ceiling, limiter.snapshot().decreases], [8, Infinity, 0]);
    let grantedAt = -1;
    void limiter.acquire().then((p) => ((grantedAt = clock.now()), p.rateLimited(1000)));
    await clock.run(() => grantedAt >= 0);
    assert.ok(grantedAt >= 1000, `the pause is honoured (${grantedAt} ms)`);
    assert.strictEqual(limiter.snapshot().rate, 8, "still alone: still not our pace");

    const permits: Array<Awaited<ReturnType<AdaptiveLimiter["acquire"]>>> = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then((p) => permits.push(p));
    await clock.run(() => permits.length === 3);
    permits[0].rateLimited(1000); // granted with two callers queued behind it
    assert.deepStrictEqual([limiter.snapshot().rate, limiter.snapshot().ceiling, limiter.snapshot().decreases], [4, 8, 1]);
  });

  it("grows the rate on successes only while callers are waiting", async () => {
    const clock = new FakeClock();
    const idle = new AdaptiveLimiter({ clock, initialRate: 5 });
    for (let i = 0; i < 20; i++) {
      const p = idle.acquire();
      await clock.run(() => false, 20);
      (await p).succeeded();
    }
    assert.strictEqual(idle.snapshot().rate, 5, "no queue, no growth");

    const busy = new AdaptiveLimiter({ clock, initialRate: 5 });
    let done = 0;
    for (let i = 0; i < 60; i++) void busy.acquire().then((p) => (p.succeeded(), done++));
    await clock.run(() => done === 60);
    assert.ok(busy.snapshot().rate > 8, `rate grew under demand: ${busy.snapshot().rate}`);
  });

  it("with no rate given, sends at full speed: no pacing, 2 in flight at first, one more per 32 successes", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, maxConcurrent: 5 });
    const inFlightAtGrant: number[] = [];
    const grantedAt: number[] = [];
    let done = 0;
    for (let i = 0; i < 120; i++) {
      void limiter.acquire().then(async (p) => {
        inFlightAtGrant.push(limiter.snapshot().inFlight);
        grantedAt.push(clock.now());
        await clock.sleep(30);
        p.succeeded();
        done++;
      });
    }
    await clock.run(() => done === 120);
    assert.strictEqual(limiter.snapshot().rate, Infinity, "never paced");
    assert.deepStrictEqual(grantedAt.slice(0, 3), [0, 0, 30], "two go out at once, the third when one returns");
    assert.strictEqual(Math.max(...inFlightAtGrant.slice(0, 32)), 2, "no third in flight before 32 successes");
    assert.strictEqual(Math.max(...inFlightAtGrant), 5, "the cap grows to maxConcurrent and stops there");
    // 32 at 2, 32 at 3, 32 at 4, 24 at 5 in flight: every grant waited only for a free slot.
    assert.ok(clock.now() <= 30 * (16 + 11 + 8 + 5 + 1), `${clock.now()} ms`);
  });

  it("the first 429 our pace caused sets the pace just under what the key accepted", async () => {
    const clock = new FakeClock();
    const api = new SimulatedRateLimitedApi(10, "token-bucket");
    const limiter = new AdaptiveLimiter({ clock });
    let done = 0;
    for (let i = 0; i < 40; i++) void simRequest(clock, limiter, (now) => api.arrive(now), { accepted: 0, rejected: 0 }, seededRandom(3)).then(() => done++);
    await clock.run(() => limiter.snapshot().decreases === 1);
    const snap = limiter.snapshot();
    // Full speed into a full 10-token bucket: ~11 accepted in the ~0.15 s before the first
    // refusal, an estimate of 9-10 req/s; the pace is 0.9 of it, the ceiling the estimate.
    assert.ok(snap.ceiling >= 9 && snap.ceiling <= 10, `ceiling ${snap.ceiling}`);
    assert.ok(Math.abs(snap.rate - 0.9 * snap.ceiling) < 1e-9, `rate ${snap.rate}`);
    assert.ok(api.rejected <= 2, `${api.rejected} 429s: what was in flight`);
    await clock.run(() => done === 40);
  });

  it("a 429 nobody waited behind, while the limit is unknown, leaves one request in flight", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock });
    assert.strictEqual(limiter.snapshot().concurrency, 2);
    (await limiter.acquire()).rateLimited(1000);
    assert.deepStrictEqual([limiter.snapshot().concurrency, limiter.snapshot().rate, limiter.snapshot().decreases], [1, Infinity, 0]);
  });

  it("a 429 nobody queued behind, after 4 or more successes in the second before it, is our own volume: it sets the pace", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock });
    // Demand that arrives just in time: one request at a time, 50 ms apart, never queued.
    for (let i = 0; i < 6; i++) {
      (await limiter.acquire()).succeeded();
      await clock.advance(50);
    }
    (await limiter.acquire()).rateLimited(1000);
    const snap = limiter.snapshot();
    // 6 successes, the first granted 0.3 s before the refused one: 6 / (1 + 0.3) s = 4.6 req/s accepted, paced at 0.9 of it.
    assert.deepStrictEqual([snap.decreases, Math.round(snap.ceiling * 10) / 10, Math.round(snap.rate * 100) / 100], [1, 4.6, 4.15]);
  });

  it("a limit stated in RateLimit-Policy is the pace at once; growth never passes it", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock });
    (await limiter.acquire()).succeeded({ limit: 40, windowSeconds: 2 });
    assert.deepStrictEqual([limiter.snapshot().rate, limiter.snapshot().stated], [20, 20]);
    const grants: number[] = [];
    let done = 0;
    for (let i = 0; i < 200; i++) void limiter.acquire().then((p) => (grants.push(clock.now()), p.succeeded({ limit: 40, windowSeconds: 2, remaining: 30 }), done++));
    await clock.run(() => done === 200);
    assert.strictEqual(limiter.snapshot().rate, 20, "busy for 10 s, still at the stated limit");
    for (let i = 0; i + 20 < grants.length; i++) assert.ok(grants[i + 20] - grants[i] >= 1000 - 1, `at most 20 grants in a second (i=${i})`);
  });

  it("a stated limit below minRate is honoured; a policy over more than a minute is a quota, not a pace", async () => {
    const clock = new FakeClock();
    const slow = new AdaptiveLimiter({ clock, minRate: 0.5 });
    (await slow.acquire()).succeeded({ limit: 6, windowSeconds: 60 });
    assert.strictEqual(slow.snapshot().rate, 0.1);
    const quota = new AdaptiveLimiter({ clock });
    (await quota.acquire()).succeeded({ limit: 1000, windowSeconds: 86_400, remaining: 0 });
    assert.deepStrictEqual([quota.snapshot().rate, quota.snapshot().stated], [Infinity, undefined]);
  });

  it("RateLimit saying nothing is left, on a request others waited behind, halves the pace without a pause", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock });
    (await limiter.acquire()).succeeded({ limit: 10, windowSeconds: 1 });
    const permits: Array<Awaited<ReturnType<AdaptiveLimiter["acquire"]>>> = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then((p) => permits.push(p));
    await clock.run(() => permits.length === 3);
    permits[2].succeeded({ limit: 10, windowSeconds: 1, remaining: 3 }); // something left: nothing changes
    permits[0].succeeded({ limit: 10, windowSeconds: 1, remaining: 0 }); // granted with two waiting behind it
    permits[1].succeeded({ limit: 10, windowSeconds: 1, remaining: 0 }); // same generation: no second cut
    const snap = limiter.snapshot();
    assert.deepStrictEqual([snap.rate, snap.ceiling, snap.decreases, snap.pausedForMs, snap.rateLimited], [5, 10, 1, 0, 0]);
  });

  it("with a rate given and no 429 seen, doubles its rate every busy second (slow start) up to maxRate", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 8, maxRate: 64, maxConcurrent: 1000 });
    let done = 0;
    for (let i = 0; i < 400; i++) void limiter.acquire().then((p) => (p.succeeded(), done++));
    await clock.run(() => clock.now() >= 1000);
    const afterOneSecond = limiter.snapshot().rate;
    assert.ok(afterOneSecond >= 16, `rate after 1 s of demand: ${afterOneSecond}`);
    await clock.run(() => done === 400);
    assert.strictEqual(limiter.snapshot().rate, 64, "capped at maxRate");
    assert.ok(clock.now() < 12_000, `400 grants took ${clock.now()} ms, not the ${400 / 8} s of the initial rate`);
  });

  it("forgets a 429 ceiling after a quiet while, so a transient storm does not pin the rate", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock, initialRate: 16, maxConcurrent: 1000 });
    // Three at once: the second is granted with the third waiting, so its 429 is one our pace caused.
    const three: Array<Awaited<ReturnType<AdaptiveLimiter["acquire"]>>> = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then((p) => three.push(p));
    await clock.run(() => three.length === 3);
    three[1].rateLimited(100);
    three[0].succeeded();
    three[2].succeeded();
    assert.strictEqual(limiter.snapshot().ceiling, 16);
    let done = 0;
    for (let i = 0; i < 1200; i++) void limiter.acquire().then((p) => (p.succeeded(), done++));
    await clock.run(() => done === 1200 || clock.now() > 60_000);
    assert.strictEqual(limiter.snapshot().ceiling, Infinity, "ceiling forgotten after 30 s without a 429");
    assert.ok(limiter.snapshot().rate > 16, `rate grew past the old ceiling: ${limiter.snapshot().rate}`);
  });

  it("shares one limiter per API origin across clients", () => {
    resetLimiters();
    const a = limiterFor("http://127.0.0.1:9999/");
    assert.strictEqual(limiterFor("http://127.0.0.1:9999"), a);
    assert.strictEqual(limiterFor("http://127.0.0.1:9999/v1"), a);
    assert.notStrictEqual(limiterFor("http://127.0.0.1:9998"), a);
    resetLimiters();
    assert.notStrictEqual(limiterFor("http://127.0.0.1:9999"), a);
    resetLimiters();
  });

  // The issue-5 requirement, simulated: 200 creates (POST, a few job polls, GET) issued at
  // once from one process against a key limited to 10 req/s must all succeed.
  for (const rule of ["token-bucket", "fixed-window"] as RateRule[]) {
    it(`200 concurrent creates against a 10 req/s ${rule} key all succeed`, async () => {
      const clock = new FakeClock();
      const api = new SimulatedRateLimitedApi(10, rule);
      const limiter = new AdaptiveLimiter({ clock });
      let seed = 42;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      let failedOps = 0;
      let maxRetriesSeen = 0;
      let finished = 0;

      async function request(): Promise<boolean> {
        for (let retry = 0; ; retry++) {
          const permit = await limiter.acquire();
          await clock.sleep(5); // network out
          const retryAfter = api.arrive(clock.now());
          await clock.sleep(25); // processing + network back
          if (retryAfter === undefined) {
            permit.succeeded();
            maxRetriesSeen = Math.max(maxRetriesSeen, retry);
            return true;
          }
          permit.rateLimited(retryAfter);
          if (retry >= DEFAULT_RETRY_POLICY.maxRetries) return false;
          await clock.sleep(retryDelayMs(retry, DEFAULT_RETRY_POLICY, retryAfter, random));
        }
      }
      async function create(): Promise<void> {
        for (let i = 0; i < 5; i++) {
          if (!(await request())) {
            failedOps++;
            break;
          }
          if (i > 0 && i < 4) await clock.sleep(1000); // job polls
        }
        finished++;
      }

      for (let i = 0; i < 200; i++) void create();
      const elapsed = await clock.run(() => finished === 200);
      const total = api.accepted + api.rejected;
      const ideal = (200 * 5 * 1000) / 10;
      // Counts and ratios of simulated time, not wall-clock timing.
      if (process.env.CLIENT_SIM_VERBOSE) console.log(rule, { elapsed, ideal, rejected: api.rejected, total, maxRetriesSeen, snap: limiter.snapshot() });
      assert.strictEqual(failedOps, 0);
      assert.strictEqual(api.accepted, 1000);
      assert.ok(api.rejected / total < 0.05, `429 ratio ${api.rejected}/${total}`);
      assert.ok(maxRetriesSeen <= 2, `a request needed ${maxRetriesSeen} retries`);
      assert.ok(elapsed < ideal * 1.5, `simulated ${elapsed} ms vs ideal ${ideal} ms`);
    });
  }
});
