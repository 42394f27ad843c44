// `npm run bench`: the provider as users feel it, measured in the real dynamic provider host
// (@pulumi/pulumi/cmd/dynamic-provider, loading the built package) against the emulator:
// job detection lag, requests per operation, a big stack with and without a rate limit,
// the serialized provider's size and the host's cold start. Writes bench/results.json and
// prints markdown. See docs/performance.md for what the figures mean.
//
// Knobs (environment): BENCH_STACK_SIZE (200), BENCH_STACK_JOB_MS (2000), BENCH_RATE_LIMIT
// (10 req/s), BENCH_LAG_RUNS ("5,5,3": runs for the 0.5 s, 2 s and 10 s jobs),
// BENCH_COLD_RUNS (3), BENCH_BURST_CREATES (30), BENCH_ENGINE_BIG (1000), BENCH_SECTIONS (comma
// list of startup,ops,lag,stack,diagnose,burst,engine,engine-big,engine-big-nockpt; default all but the last; "diagnose"
// reruns the stack with the client's rate limiter replaced; "burst" is issue 9's
// few-429s-then-real-work sequence; "engine" runs the stack through the real Pulumi CLI,
// "engine-big" a BENCH_ENGINE_BIG-persona stack through it with no rate limit).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { measureBurst } from "./provider/burst";
import { withFigures } from "./provider/docs-figures";
import { measureEngine } from "./provider/engine";
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
const ENGINE_BIG = num("BENCH_ENGINE_BIG", 1000);
const [LAG_SHORT, LAG_MID, LAG_LONG] = (process.env.BENCH_LAG_RUNS ?? "5,5,3").split(",").map(Number);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "startup,ops,lag,stack,diagnose,burst,engine,engine-big").split(","));

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
    engine: [],
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
  if (SECTIONS.has("engine")) {
    // The CLI's default parallelism (4 × CPUs: 8 here) bounds a big stack more than the API
    // does, so the stack without a rate limit also runs with every resource in parallel.
    const runs = [
      { rateLimit: 0, parallel: undefined },
      { rateLimit: 0, parallel: STACK_SIZE },
      { rateLimit: RATE_LIMIT, parallel: undefined },
    ];
    for (const run of runs) {
      step(`real engine: ${STACK_SIZE} personas, rate limit ${run.rateLimit || "off"}, parallel ${run.parallel ?? "default"}`);
      results.engine.push(await measureEngine({ resources: STACK_SIZE, jobMs: STACK_JOB_MS, ...run }));
    }
  }
  if (SECTIONS.has("engine-big")) {
    step(`real engine: ${ENGINE_BIG} personas, rate limit off, parallel ${ENGINE_BIG}`);
    results.engine.push(await measureEngine({ resources: ENGINE_BIG, jobMs: STACK_JOB_MS, rateLimit: 0, parallel: ENGINE_BIG }));
  }
  if (SECTIONS.has("engine-big-nockpt")) {
    // Where the big stack's time goes: the engine rewrites the whole checkpoint after every
    // step (quadratic in the stack's size); the same run with those writes skipped.
    step(`real engine: ${ENGINE_BIG} personas, rate limit off, parallel ${ENGINE_BIG}, PULUMI_SKIP_CHECKPOINTS`);
    results.engine.push(await measureEngine({ resources: ENGINE_BIG, jobMs: STACK_JOB_MS, rateLimit: 0, parallel: ENGINE_BIG, skipCheckpoints: true }));
  }
  results.durationSeconds = (Date.now() - t0) / 1000;
  // Sections not run this time keep their last figures (each section records its own run
  // time in `sections`), so docs can cite one file however the runs were split.
  const file = path.join(__dirname, "results.json");
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<BenchResults>) : {};
  // A diagnostic run alone adds to the engine figures instead of replacing them.
  const keepEngine = SECTIONS.has("engine-big-nockpt") && !SECTIONS.has("engine") && !SECTIONS.has("engine-big");
  const ran = <K extends keyof BenchResults>(key: K, section: string): BenchResults[K] =>
    SECTIONS.has(section) ? results[key] : ((previous[key] ?? results[key]) as BenchResults[K]);
  const merged: BenchResults = {
    ...results,
    sections: { ...(previous.sections ?? {}), ...Object.fromEntries([...SECTIONS].map((sec) => [sec, { at: results.startedAt, machine: results.machine }])) },
    providerSize: ran("providerSize", "startup"),
    coldStart: ran("coldStart", "startup"),
    operations: ran("operations", "ops"),
    lag: ran("lag", "lag"),
    burst: ran("burst", "burst"),
    stack: SECTIONS.has("stack") || SECTIONS.has("diagnose") ? results.stack : previous.stack ?? [],
    engine: ["engine", "engine-big", "engine-big-nockpt"].some((sec) => SECTIONS.has(sec)) ? [...(keepEngine ? previous.engine ?? [] : []), ...results.engine] : previous.engine ?? [],
  };
  writeFileSync(file, JSON.stringify(merged, null, 2) + "\n");
  const doc = path.join(__dirname, "..", "docs", "performance.md");
  writeFileSync(doc, withFigures(readFileSync(doc, "utf8"), merged));
  process.stdout.write(markdown(results) + "\n");
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
