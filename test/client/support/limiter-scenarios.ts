// The limiter simulations' workloads, in virtual time: one or more processes (one limiter
// each) sharing one API key. `saturate` issues a batch of plain requests at once (a refresh's
// reads, a destroy's deletes); `stack` runs persona creates as the provider does them: POST,
// job polls on the client's real schedule with the server's Retry-After hint, PATCH, at most
// `parallel` at once per process (the engine's --parallel).
import { nextPollDelayMs } from "../../../provider/client";
import { FakeClock } from "./fake-clock";
import { NEARBY, seededRandom, simRequest, type Distance, type Server, type SimCounts, type SimLimiter } from "./limiter-sim";
import { SimulatedRateLimitedApi, type RateRule } from "./simulated-api";

export type MakeLimiter = (clock: FakeClock) => SimLimiter;

export interface KeyOptions {
  /** Requests per second of the key; 0 = no limit. */
  limit: number;
  rule?: RateRule;
  /** The server states its limit in RateLimit-Policy / RateLimit headers. */
  headers?: boolean;
  /** How far the API is (default 5 ms out, 25 ms back). */
  distance?: Distance;
}

export interface ProcessOutcome extends SimCounts {
  /** Virtual ms from this process's start until its last operation ended. */
  ms: number;
  failedOps: number;
}

export interface ScenarioOutcome extends SimCounts {
  /** Virtual ms from the first process's start until every operation ended. */
  ms: number;
  failedOps: number;
  processes: ProcessOutcome[];
}

function keyOf(opts: KeyOptions) {
  const api = opts.limit > 0 ? new SimulatedRateLimitedApi(opts.limit, opts.rule ?? "token-bucket") : undefined;
  const server: Server = (now) => api?.arrive(now);
  const stated = opts.headers && api ? () => api.stated() : undefined;
  return { server, stated };
}

/** Runs `work(process index, counts)` in each process from its start time; collects counts and times. */
async function run(
  clock: FakeClock,
  starts: number[],
  work: (p: number, counts: SimCounts, failed: () => void) => Promise<void>,
): Promise<ScenarioOutcome> {
  const processes: ProcessOutcome[] = starts.map(() => ({ ms: 0, accepted: 0, rejected: 0, failedOps: 0 }));
  let done = 0;
  starts.forEach((startMs, p) => {
    void (async () => {
      await clock.sleep(startMs);
      await work(p, processes[p], () => processes[p].failedOps++);
      processes[p].ms = clock.now() - startMs;
      done++;
    })();
  });
  const ms = await clock.run(() => done === starts.length);
  const sum = (k: "accepted" | "rejected" | "failedOps") => processes.reduce((n, o) => n + o[k], 0);
  return { ms, accepted: sum("accepted"), rejected: sum("rejected"), failedOps: sum("failedOps"), processes };
}

/** Each process sends `requests` plain requests at once. */
export function saturate(makeLimiter: MakeLimiter, key: KeyOptions, procs: Array<{ requests: number; startMs?: number }>, seed = 5): Promise<ScenarioOutcome> {
  const clock = new FakeClock();
  const { server, stated } = keyOf(key);
  return run(clock, procs.map((p) => p.startMs ?? 0), async (p, counts, failed) => {
    const limiter = makeLimiter(clock);
    const random = seededRandom(seed + p);
    await Promise.all(Array.from({ length: procs[p].requests }, async () => {
      if (!(await simRequest(clock, limiter, server, counts, random, stated, key.distance))) failed();
    }));
  });
}

export interface StackProcess {
  personas: number;
  /** Operations at once (the engine's --parallel); default all. */
  parallel?: number;
  startMs?: number;
}

/** Each process creates `personas` personas: POST, job polls until the job is done, PATCH. */
export function stack(makeLimiter: MakeLimiter, key: KeyOptions, procs: StackProcess[], jobMs = 2000, seed = 42): Promise<ScenarioOutcome> {
  const clock = new FakeClock();
  const { server, stated } = keyOf(key);
  return run(clock, procs.map((p) => p.startMs ?? 0), async (p, counts, failed) => {
    const limiter = makeLimiter(clock);
    const random = seededRandom(seed + p);
    const send = () => simRequest(clock, limiter, server, counts, random, stated, key.distance);
    const create = async (): Promise<boolean> => {
      if (!(await send())) return false;
      const back = (key.distance ?? NEARBY).backMs;
      const jobEnds = clock.now() - back + jobMs; // the job started when the POST arrived
      const waitStart = clock.now();
      for (let poll = 1; ; poll++) {
        if (!(await send())) return false;
        const left = jobEnds - (clock.now() - back);
        if (left <= 0) break;
        // The emulator's polling hint: whole seconds left, rounded down, when at least one.
        const hint = left >= 1000 ? Math.floor(left / 1000) * 1000 : undefined;
        await clock.sleep(nextPollDelayMs(poll, clock.now() - waitStart, hint));
      }
      return send();
    };
    const { personas, parallel = personas } = procs[p];
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(parallel, personas) }, async () => {
      while (next < personas) {
        next++;
        if (!(await create())) failed();
      }
    }));
  });
}

/** Two processes each sending 200 requests at once into one 10 req/s key, the second `seed·53 mod 400` ms later. */
export function twoBusy(makeLimiter: MakeLimiter, seed: number, headers = false, distance?: Distance): Promise<ScenarioOutcome> {
  return saturate(makeLimiter, { limit: 10, headers, distance }, [{ requests: 200 }, { requests: 200, startMs: (seed * 53) % 400 }], seed);
}

/**
 * One process saturates a 10 req/s key with 300 requests; another, started `seed·37` ms later,
 * sends one request every 500 ms for 10 s, then 60 at once.
 */
export function quietAndBusy(makeLimiter: MakeLimiter, seed: number, distance?: Distance): Promise<ScenarioOutcome> {
  const clock = new FakeClock();
  const { server } = keyOf({ limit: 10 });
  return run(clock, [0, seed * 37], async (p, counts, failed) => {
    const limiter = makeLimiter(clock);
    const random = seededRandom(seed * 7 + 21 + p);
    const send = async () => {
      if (!(await simRequest(clock, limiter, server, counts, random, undefined, distance))) failed();
    };
    if (p === 0) {
      await Promise.all(Array.from({ length: 300 }, send));
      return;
    }
    for (let i = 0; i < 20; i++) {
      await send();
      await clock.sleep(500);
    }
    await Promise.all(Array.from({ length: 60 }, send));
  });
}

/** `stacks` processes of `personas` creates each (default --parallel 8) on one 10 req/s key, started within 1.5 s. */
export function sharedStacks(makeLimiter: MakeLimiter, seed: number, opts: { stacks?: number; personas?: number; headers?: boolean; distance?: Distance } = {}): Promise<ScenarioOutcome> {
  const { stacks = 4, personas = 50, headers = false, distance } = opts;
  return stack(makeLimiter, { limit: 10, headers, distance }, Array.from({ length: stacks }, (_, i) => ({ personas, parallel: 8, startMs: (seed * 131 + i * 389) % 1500 })), 2000, seed);
}

/** Runs `scenario` for each seed; the outcomes in seed order. */
export async function overSeeds(seeds: readonly number[], scenario: (seed: number) => Promise<ScenarioOutcome>): Promise<ScenarioOutcome[]> {
  const out: ScenarioOutcome[] = [];
  for (const seed of seeds) out.push(await scenario(seed));
  return out;
}

/**
 * A destroy as the engine runs it: `parallel` steps at a time, each one request between two
 * state writes that the engine makes one at a time (`writeMs` each). Demand then arrives just
 * in time, one request per write, rarely queueing in the limiter.
 */
export function engineSteps(makeLimiter: MakeLimiter, key: KeyOptions, opts: { steps: number; parallel?: number; writeMs?: number }, seed = 9): Promise<ScenarioOutcome> {
  const { steps, parallel = 8, writeMs = 40 } = opts;
  const clock = new FakeClock();
  const { server, stated } = keyOf(key);
  return run(clock, [0], async (_p, counts, failed) => {
    const limiter = makeLimiter(clock);
    const random = seededRandom(seed);
    let writer = Promise.resolve();
    const write = () => (writer = writer.then(() => clock.sleep(writeMs)));
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < steps) {
        next++;
        await write();
        if (!(await simRequest(clock, limiter, server, counts, random, stated))) failed();
        await write();
      }
    }));
  });
}
