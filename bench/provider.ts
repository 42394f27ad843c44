// `npm run bench`: the provider as users feel it, measured in the real dynamic provider host
// (@pulumi/pulumi/cmd/dynamic-provider, loading the built package) against the emulator:
// job detection lag, requests per operation, a big stack with and without a rate limit,
// the serialized provider's size and the host's cold start. Writes bench/results.json and
// prints markdown. See docs/performance.md for what the figures mean.
//
// Knobs (environment): BENCH_STACK_SIZE (200), BENCH_STACK_JOB_MS (2000), BENCH_RATE_LIMIT
// (10 req/s), BENCH_LAG_RUNS ("5,5,3": runs for the 0.5 s, 2 s and 10 s jobs),
// BENCH_COLD_RUNS (3), BENCH_BURST_CREATES (30), BENCH_SECTIONS (comma list of
// startup,ops,lag,stack,diagnose,burst; default all; "diagnose" reruns the stack with the
// client's rate limiter replaced; "burst" is issue 9's few-429s-then-real-work sequence).
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { measureBurst } from "./provider/burst";
import { measureLag } from "./provider/lag";
import { machine } from "./provider/machine";
import { measureOperations } from "./provider/operations";
import { markdown, type BenchResults } from "./provider/report";
import { measureStack } from "./provider/stack";
import { measureColdStart, measureProviderSize } from "./provider/startup";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const STACK_SIZE = num("BENCH_STACK_SIZE", 200);
const STACK_JOB_MS = num("BENCH_STACK_JOB_MS", 2000);
const RATE_LIMIT = num("BENCH_RATE_LIMIT", 10);
const COLD_RUNS = num("BENCH_COLD_RUNS", 3);
const BURST_CREATES = num("BENCH_BURST_CREATES", 30);
const [LAG_SHORT, LAG_MID, LAG_LONG] = (process.env.BENCH_LAG_RUNS ?? "5,5,3").split(",").map(Number);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "startup,ops,lag,stack,diagnose,burst").split(","));

const step = (what: string) => process.stderr.write(`bench: ${what}…\n`);

async function main(): Promise<void> {
  const t0 = Date.now();
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    durationSeconds: 0,
    machine: machine(),
    lag: [],
    operations: [],
    stack: [],
  };
  if (SECTIONS.has("startup")) {
    step("provider size and host cold start");
    results.providerSize = await measureProviderSize();
    results.coldStart = await measureColdStart(COLD_RUNS);
  }
  if (SECTIONS.has("ops")) {
    step("requests per operation");
    results.operations = await measureOperations();
  }
  if (SECTIONS.has("lag")) {
    step("job detection lag (0.5 s, 2 s, 10 s jobs)");
    results.lag = await measureLag([
      { jobMs: 500, runs: LAG_SHORT || 5 },
      { jobMs: 2000, runs: LAG_MID || 5 },
      { jobMs: 10_000, runs: LAG_LONG || 3 },
    ]);
  }
  if (SECTIONS.has("stack")) {
    for (const rateLimit of [0, RATE_LIMIT]) {
      step(`big stack, ${STACK_SIZE} resources, rate limit ${rateLimit || "off"}`);
      results.stack.push(await measureStack({ resources: STACK_SIZE, jobMs: STACK_JOB_MS, rateLimit }));
    }
  }
  if (SECTIONS.has("diagnose")) {
    // Why the stack misses its floor with the rate limit off: the same runs with the client's
    // limiter replaced (see bench/provider/limiter-variant-host.js).
    const runs = [
      { limiterVariant: "unbounded", rateLimit: 0 },
      { limiterVariant: "slow-start", rateLimit: 0 },
      { limiterVariant: "slow-start", rateLimit: RATE_LIMIT },
    ] as const;
    for (const run of runs) {
      step(`diagnostic: big stack, limiter ${run.limiterVariant}, rate limit ${run.rateLimit || "off"}`);
      results.stack.push(await measureStack({ resources: STACK_SIZE, jobMs: STACK_JOB_MS, ...run }));
    }
  }
  if (SECTIONS.has("burst")) {
    step(`429 burst then ${BURST_CREATES} creates, rate limit ${RATE_LIMIT} req/s, vs a fresh host`);
    results.burst = await measureBurst({ creates: BURST_CREATES, rateLimit: RATE_LIMIT, jobMs: STACK_JOB_MS });
  }
  results.durationSeconds = (Date.now() - t0) / 1000;
  writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(markdown(results) + "\n");
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
