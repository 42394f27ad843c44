// Diagnostic preload (bench only): replaces the provider's process-wide rate limiter of one API
// origin before any provider code runs, so the same provider can be measured with another
// pacing, without editing it. Loaded by limiter-variant-host.js (one host driven by the bench)
// or with NODE_OPTIONS=--require (every node process the Pulumi CLI starts). Plain JS: the
// provider host has no ts-node.
//
// Environment: BENCH_LIMITER_ORIGIN (e.g. http://127.0.0.1:PORT), BENCH_LIMITER_VARIANT:
// - "no-pacing": no limiter at all (every request sent at once; a 429 is only retried after
//   its Retry-After), the provider with its client-side pacing taken out;
// - "slow-start": the start before issue 19: paced from 8 req/s, doubling per busy second.
"use strict";
const path = require("node:path");

const origin = process.env.BENCH_LIMITER_ORIGIN;
const variant = process.env.BENCH_LIMITER_VARIANT;
if (origin && variant) {
  const { AdaptiveLimiter } = require(path.join(__dirname, "..", "..", "dist", "provider", "client", "limiter"));
  const noop = { succeeded() {}, rateLimited() {}, failed() {} };
  const limiters = {
    "no-pacing": () => ({ acquire: async () => noop, snapshot: () => ({}) }),
    "slow-start": () => new AdaptiveLimiter({ initialRate: 8 }),
  };
  if (!limiters[variant]) throw new Error(`limiter-variant-preload: unknown BENCH_LIMITER_VARIANT ${variant}`);
  globalThis[Symbol.for("pulumi-layers/client/limiters/v1")] = new Map([[origin, limiters[variant]()]]);
}
