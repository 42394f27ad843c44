// The limiter's caps on requests in flight grow with the API's round trip (limiter.ts,
// roundTripScale): counts for 30 ms, multiplied by the fastest round trip ÷ 30 ms, between 1
// and 8. Only a success that measures distance counts, and an explicit maxConcurrent stays a
// hard limit. Virtual time: a permit is held for exactly the round trip given.
import * as assert from "assert";
import { AdaptiveLimiter, type LimiterOptions, type Permit } from "../../provider/client";
import { FakeClock } from "./support/fake-clock";

/** A limiter whose key limit is unknown, after one request answered `outcome` after `ms`. */
async function afterOne(ms: number, outcome: (p: Permit) => void, opts: LimiterOptions = {}) {
  const clock = new FakeClock();
  const limiter = new AdaptiveLimiter({ clock, ...opts });
  const permit = await limiter.acquire();
  await Promise.all([clock.sleep(ms).then(() => outcome(permit)), clock.run()]);
  return limiter.snapshot();
}

describe("client limiter: caps that grow with the API's round trip", () => {
  it("30 ms or less leaves the caps as they are: 2 in flight while the limit is unknown", async () => {
    for (const ms of [0, 1, 29, 30]) assert.strictEqual((await afterOne(ms, (p) => p.succeeded())).concurrency, 2, `${ms} ms`);
  });

  it("100 ms allows 100/30 times as many: 6", async () => {
    assert.strictEqual((await afterOne(100, (p) => p.succeeded())).concurrency, 6);
  });

  it("grows at most 8 times, however far the API is", async () => {
    assert.strictEqual((await afterOne(1000, (p) => p.succeeded())).concurrency, 16);
  });

  it("a 429, a failure or a success that does not measure distance (a write, a new socket) teaches nothing", async () => {
    // (A 429 with nobody queued, while the limit is unknown, also leaves one in flight.)
    assert.strictEqual((await afterOne(100, (p) => p.rateLimited(undefined))).concurrency, 1);
    assert.strictEqual((await afterOne(100, (p) => p.failed())).concurrency, 2);
    assert.strictEqual((await afterOne(100, (p) => p.succeeded(undefined, false))).concurrency, 2);
  });

  it("the fastest round trip seen decides: a slower one later does not raise the caps", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ clock });
    for (const ms of [60, 300]) {
      const permit = await limiter.acquire();
      await Promise.all([clock.sleep(ms).then(() => permit.succeeded()), clock.run()]);
    }
    assert.strictEqual(limiter.snapshot().concurrency, 4);
  });

  it("paced, the cap of 16 grows the same way: 53 at 100 ms", async () => {
    assert.strictEqual((await afterOne(100, (p) => p.succeeded(), { initialRate: 100 })).concurrency, 53);
  });

  it("an explicit maxConcurrent is never exceeded", async () => {
    assert.strictEqual((await afterOne(1000, (p) => p.succeeded(), { maxConcurrent: 4 })).concurrency, 4);
    assert.strictEqual((await afterOne(1000, (p) => p.succeeded(), { maxConcurrent: 4, initialRate: 100 })).concurrency, 4);
  });
});
