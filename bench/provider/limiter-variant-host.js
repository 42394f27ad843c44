// Diagnostic host entry (bench only): the real dynamic provider host, with the process-wide
// rate limiter of one API origin replaced before any provider code runs, to measure how
// much of a big stack's wall time the client's limiter accounts for, and what a proposed
// limiter change would do, without editing the provider. Plain JS: the host has no ts-node.
//
// Environment: BENCH_LIMITER_ORIGIN (e.g. http://127.0.0.1:PORT), BENCH_LIMITER_VARIANT:
// - "unbounded": no pacing to speak of (10 000 req/s, still 16 in flight), i.e. the floor
//   the host itself could reach;
// - "slow-start": the proposed fix, prototyped by subclassing: while no 429 has been seen,
//   each success adds 1 req/s (the rate doubles per second of saturated traffic, like TCP
//   slow start) and the cap is 500 req/s; after the first 429 the existing AIMD rules apply.
"use strict";
const path = require("node:path");

const origin = process.env.BENCH_LIMITER_ORIGIN;
const variant = process.env.BENCH_LIMITER_VARIANT;
const { AdaptiveLimiter } = require(path.join(process.cwd(), "dist/provider/client/limiter"));

class SlowStartLimiter extends AdaptiveLimiter {
  onSuccess() {
    // `ceiling` stays Infinity until the first 429 (see AdaptiveLimiter.onRateLimited).
    if (this.ceiling === Infinity && this.queue.length > 0) {
      this.refill(this.clock.now());
      this.rate = Math.min(this.maxRate, this.rate + 1);
      return;
    }
    super.onSuccess();
  }
}

const limiters = {
  unbounded: () => new AdaptiveLimiter({ initialRate: 10_000, maxRate: 10_000 }),
  "slow-start": () => new SlowStartLimiter({ maxRate: 500 }),
};
if (!origin || !limiters[variant]) throw new Error(`limiter-variant-host: bad BENCH_LIMITER_ORIGIN/BENCH_LIMITER_VARIANT (${variant})`);
globalThis[Symbol.for("pulumi-layers/client/limiters/v1")] = new Map([[origin, limiters[variant]()]]);

// The engine's host, resolved from the program directory as the plugin script does.
require(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [process.cwd()] }));
