// `npm run bench`: the provider as users feel it, measured in the real dynamic provider host
// (@pulumi/pulumi/cmd/dynamic-provider, loading the built package) against the emulator:
// job detection lag, requests per operation, a big stack with and without a rate limit,
// the serialized provider's size and the host's cold start. Writes bench/results.json and
// prints markdown. See docs/performance.md for what the figures mean.
//
// Knobs (environment): BENCH_STACK_SIZE (200), BENCH_STACK_JOB_MS (2000), BENCH_RATE_LIMIT
// (10 req/s), BENCH_LAG_RUNS ("5,5,3": runs for the 0.5 s, 2 s and 10 s jobs),
// BENCH_COLD_RUNS (3), BENCH_BURST_CREATES (30), BENCH_ENGINE_BIG (1000), BENCH_ENGINE_ROUNDS
// (2: repetitions of the engine comparison), BENCH_SHARED ("4x50": stacks x personas on one
// key), BENCH_SECTIONS (comma list of startup,ops,lag,stack,diagnose,burst,distance,engine,
// engine-shared,engine-transport,engine-big,engine-big-nockpt; default all but the last;
// "distance" reads through the client with a round trip added; "diagnose" reruns the
// stack with the client's rate limiter replaced; "burst" is issue 9's few-429s-then-real-work
// sequence; "engine" runs the stack through the real Pulumi CLI beside the trivial resource
// and the provider without pacing, and against a rate-limited key with and without RateLimit
// headers; "engine-shared" runs several stacks on one rate-limited key at once;
// "engine-transport" the dynamic resource with axios and with node:http for its requests,
// beside the trivial resource, BENCH_ENGINE_ROUNDS rounds; "engine-big" a
// BENCH_ENGINE_BIG-persona stack through it with no rate limit).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { measureBurst } from "./provider/burst";
import { measureDistance } from "./provider/distance";
import { withFigures } from "./provider/docs-figures";
import { measureEngine, type EngineResult } from "./provider/engine";
import { measureSharedEngine } from "./provider/engine-shared";
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
const ENGINE_ROUNDS = num("BENCH_ENGINE_ROUNDS", 2);
const [SHARED_STACKS, SHARED_PERSONAS] = (process.env.BENCH_SHARED ?? "4x50").split("x").map(Number);
const [LAG_SHORT, LAG_MID, LAG_LONG] = (process.env.BENCH_LAG_RUNS ?? "5,5,3").split(",").map(Number);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "startup,ops,lag,stack,diagnose,burst,distance,engine,engine-shared,engine-transport,engine-big").split(","));

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
    engineShared: [],
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
    const runs = [{ rateLimit: 0 }, { rateLimit: RATE_LIMIT }, { rateLimit: RATE_LIMIT, rateLimitHeaders: true }];
    for (const run of runs) {
      step(`big stack, ${STACK_SIZE} resources, rate limit ${run.rateLimit || "off"}${run.rateLimitHeaders ? ", RateLimit headers" : ""}`);
      results.stack.push(await measureStack({ resources: STACK_SIZE, jobMs: STACK_JOB_MS, ...run }));
    }
  }
  if (SECTIONS.has("diagnose")) {
    // What the client's pacing costs or saves: the same runs with the limiter taken out, and
    // with the start it had before issue 19 (see bench/provider/limiter-variant-preload.js).
    const runs = [
      { limiterVariant: "no-pacing", rateLimit: 0 },
      { limiterVariant: "no-pacing", rateLimit: RATE_LIMIT },
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
  if (SECTIONS.has("distance")) {
    step("a distant API: 200 reads at once, 0 / 25 / 50 / 100 ms added, with and without the limiter");
    results.distance = await measureDistance({ addedMs: [0, 25, 50, 100], reads: 200, runs: 3 });
  }
  const engine = async (section: string, label: string, opts: Parameters<typeof measureEngine>[0]) => {
    step(`real engine: ${label}`);
    results.engine.push({ ...(await measureEngine(opts)), section });
  };
  if (SECTIONS.has("engine")) {
    // The floor and the yardstick in the same run, interleaved so that the machine's load
    // falls on all three alike: the trivial resource, this package, this package without
    // pacing; every resource in parallel (the CLI's default, 4 × CPUs, bounds a big stack
    // more than the API does).
    const base = { resources: STACK_SIZE, jobMs: STACK_JOB_MS, rateLimit: 0, parallel: STACK_SIZE };
    for (let round = 1; round <= ENGINE_ROUNDS; round++) {
      await engine("engine", `${STACK_SIZE} trivial resources, parallel ${STACK_SIZE}, round ${round}`, { ...base, program: "trivial", round });
      await engine("engine", `${STACK_SIZE} trivial resources with a persona's state, parallel ${STACK_SIZE}, round ${round}`, { ...base, program: "shaped", round });
      await engine("engine", `${STACK_SIZE} personas, rate limit off, parallel ${STACK_SIZE}, round ${round}`, { ...base, round });
      await engine("engine", `${STACK_SIZE} personas, no pacing, parallel ${STACK_SIZE}, round ${round}`, { ...base, limiterVariant: "no-pacing", round });
      await engine("engine", `${STACK_SIZE} personas on the provider plugin, parallel ${STACK_SIZE}, round ${round}`, { ...base, program: "plugin", round });
    }
    await engine("engine", `${STACK_SIZE} personas, rate limit off, default parallel`, { resources: STACK_SIZE, jobMs: STACK_JOB_MS, rateLimit: 0 });
    for (const rateLimitHeaders of [false, true]) {
      await engine("engine", `${STACK_SIZE} personas, rate limit ${RATE_LIMIT}${rateLimitHeaders ? ", RateLimit headers" : ""}, default parallel`, { resources: STACK_SIZE, jobMs: STACK_JOB_MS, rateLimit: RATE_LIMIT, rateLimitHeaders });
    }
  }
  if (SECTIONS.has("engine-shared")) {
    for (const rateLimitHeaders of [false, true]) {
      step(`real engine: ${SHARED_STACKS} stacks x ${SHARED_PERSONAS} personas at once, one key at ${RATE_LIMIT} req/s${rateLimitHeaders ? ", RateLimit headers" : ""}`);
      results.engineShared!.push(await measureSharedEngine({ stacks: SHARED_STACKS, personas: SHARED_PERSONAS, jobMs: STACK_JOB_MS, rateLimit: RATE_LIMIT, rateLimitHeaders }));
    }
  }
  if (SECTIONS.has("engine-transport")) {
    // What the HTTP library costs each command: the same personas with axios taken out of the
    // client's transport (bench/provider/transport-variant-preload.js), beside the trivial
    // resource as the floor; the order rotates from round to round.
    const base = { resources: STACK_SIZE, jobMs: STACK_JOB_MS, rateLimit: 0, parallel: STACK_SIZE };
    for (let round = 1; round <= ENGINE_ROUNDS; round++) {
      const runs = [
        () => engine("engine-transport", `${STACK_SIZE} trivial resources, parallel ${STACK_SIZE}, round ${round}`, { ...base, program: "trivial", round }),
        () => engine("engine-transport", `${STACK_SIZE} personas, axios, parallel ${STACK_SIZE}, round ${round}`, { ...base, round }),
        () => engine("engine-transport", `${STACK_SIZE} personas, node:http instead of axios, parallel ${STACK_SIZE}, round ${round}`, { ...base, transportVariant: "node-http", round }),
      ];
      for (let i = 0; i < runs.length; i++) await runs[(i + round - 1) % runs.length]();
    }
  }
  if (SECTIONS.has("engine-big")) {
    await engine("engine-big", `${ENGINE_BIG} personas, rate limit off, parallel ${ENGINE_BIG}`, { resources: ENGINE_BIG, jobMs: STACK_JOB_MS, rateLimit: 0, parallel: ENGINE_BIG });
  }
  if (SECTIONS.has("engine-big-nockpt")) {
    // Where the big stack's time goes: the engine rewrites the whole checkpoint after every
    // step (quadratic in the stack's size); the same run with those writes skipped.
    await engine("engine-big-nockpt", `${ENGINE_BIG} personas, rate limit off, parallel ${ENGINE_BIG}, PULUMI_SKIP_CHECKPOINTS`, { resources: ENGINE_BIG, jobMs: STACK_JOB_MS, rateLimit: 0, parallel: ENGINE_BIG, skipCheckpoints: true });
  }
  results.durationSeconds = (Date.now() - t0) / 1000;
  // Sections not run this time keep their last figures (each section records its own run
  // time in `sections`), so docs can cite one file however the runs were split.
  const file = path.join(__dirname, "results.json");
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<BenchResults>) : {};
  // Engine figures of the sections not run this time are kept.
  const keptEngine = (previous.engine ?? []).filter((e) => !SECTIONS.has(engineSectionOf(e, ENGINE_BIG)));
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
    distance: ran("distance", "distance"),
    stack: SECTIONS.has("stack") || SECTIONS.has("diagnose") ? results.stack : previous.stack ?? [],
    engine: [...keptEngine, ...results.engine].sort((a, b) => ENGINE_ORDER.indexOf(engineSectionOf(a, ENGINE_BIG)) - ENGINE_ORDER.indexOf(engineSectionOf(b, ENGINE_BIG))),
    engineShared: ran("engineShared", "engine-shared"),
  };
  writeFileSync(file, JSON.stringify(merged, null, 2) + "\n");
  const doc = path.join(__dirname, "..", "docs", "performance.md");
  writeFileSync(doc, withFigures(readFileSync(doc, "utf8"), merged));
  process.stdout.write(markdown(results) + "\n");
}

const ENGINE_ORDER = ["engine", "engine-transport", "engine-big", "engine-big-nockpt"];

/** The section an engine run belongs to; runs recorded before sections were named are told by their size. */
function engineSectionOf(e: EngineResult, big: number): string {
  if (e.section) return e.section;
  if (e.resources === big) return e.skipCheckpoints ? "engine-big-nockpt" : "engine-big";
  return "engine";
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
