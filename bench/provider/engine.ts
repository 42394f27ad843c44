// A big stack through the real Pulumi engine: `pulumi up` of N personas, `pulumi preview`,
// `pulumi refresh` and `pulumi destroy` of the same stack, each a CLI command against the
// emulator on a local file backend (bench/engine-program). Where a phase's time goes is read
// from the processes themselves: the CLI (engine), the language host and the program, the
// provider host, and the emulator (this process). The same commands on N resources that only
// sleep the job time (bench/engine-trivial) are the floor any provider pays in this engine;
// the provider with its client-side pacing taken out (limiter-variant-preload.js) is the
// other yardstick.
//
// Floor of a phase = the least wall time the API allows: max(job time, accepted requests /
// rate) for the creates, accepted requests / rate for refresh and destroy, none for the
// preview. The engine's own overhead per resource = (wall − the same command on an empty
// stack − floor) / N: what the wall time holds beyond the API's floor and the CLI's fixed
// start-up cost.
import { spawn, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { locatePulumi, offlineEnv, withPulumiOnPath } from "../../scripts/pulumi-toolchain";
import { cpuSecondsOf, memoryOf } from "./machine";
import { control, shortName } from "./requests";
import type { LimiterVariant } from "./rig";
import { round, tally } from "./stats";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const PROGRAMS = {
  /** N personas, each create = POST + job + PATCH against the emulator. */
  personas: path.join(REPO_ROOT, "bench", "engine-program"),
  /** N dynamic resources whose create only sleeps the job time: the engine's own floor. */
  trivial: path.join(REPO_ROOT, "bench", "engine-trivial"),
  /** The trivial resource with a persona's state (inputs, outputs, provider text): the engine's cost of that state. */
  shaped: path.join(REPO_ROOT, "bench", "engine-shaped"),
  /** The same N personas as `personas`, on the provider plugin (layers.plugin.Influencer). */
  plugin: path.join(REPO_ROOT, "bench", "engine-plugin"),
};
export type EngineProgram = keyof typeof PROGRAMS;
const STACK = "bench";
const PRELOAD = path.join(__dirname, "limiter-variant-preload.js");
const TRANSPORT_PRELOAD = path.join(__dirname, "transport-variant-preload.js");
/** The provider's HTTP transport with axios taken out (see transport-variant-preload.js). */
export type TransportVariant = "node-http";

type Phase = "up" | "preview" | "refresh" | "destroy";
const COMMANDS: Record<Phase, string[]> = {
  up: ["up", "--yes", "--skip-preview"],
  preview: ["preview"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

export interface EnginePhase {
  phase: Phase;
  wallMs: number;
  /** Same command on an empty stack: the CLI's fixed cost. */
  emptyWallMs: number;
  requests: number;
  rateLimited: number;
  byEndpoint: Record<string, number>;
  floorMs: number | null;
  wallOverFloor: number | null;
  /** (wall − empty − floor) / resources. */
  overheadPerResourceMs: number;
  failed: boolean;
  /**
   * When the API saw the command's first and last request, ms from spawn (null: none). Start
   * to first is the CLI, the program and the provider host starting up and registering;
   * last to the end of `wall` is the engine finishing: its state writes and shutdown.
   */
  firstRequestMs?: number | null;
  lastRequestMs?: number | null;
  /** CPU seconds by process: engine (CLI), program (language host + node), provider host, emulator. */
  cpuSeconds: Record<string, number>;
  providerHostPeakMb: number;
}

export interface EngineResult {
  cli: string;
  /** Which program ran; absent in runs recorded before the trivial floor existed (personas). */
  program?: EngineProgram;
  /** The provider's rate limiter replaced (see limiter-variant-preload.js). */
  limiterVariant?: LimiterVariant;
  /** The provider's HTTP library replaced (see transport-variant-preload.js). */
  transportVariant?: TransportVariant;
  /** The emulator stated its limit in RateLimit headers. */
  rateLimitHeaders?: boolean;
  /** Which repetition of the comparison this run belongs to (1-based). */
  round?: number;
  /** The bench section that ran it (engine, engine-transport, engine-big, engine-big-nockpt). */
  section?: string;
  /** `--parallel` (PULUMI_PARALLEL); null = the CLI's default, 4 × the CPUs. */
  parallel: number | null;
  /** PULUMI_SKIP_CHECKPOINTS: the engine writes state once at the end instead of after each step. */
  skipCheckpoints: boolean;
  resources: number;
  jobMs: number;
  rateLimit: number;
  stateBytesPerPersona: number;
  phases: EnginePhase[];
}

const KINDS: Array<[string, (args: string) => boolean]> = [
  ["provider host", (a) => a.includes("cmd/dynamic-provider") || a.includes("provider/plugin/main.js") || a.includes("pulumi-resource-layers")],
  ["program", (a) => a.includes("pulumi-language-nodejs") || a.includes("cmd/run")],
];

/** Samples CPU and memory of the CLI and its descendants until stopped. */
function sampler(cliPid: number) {
  const cpu = new Map<number, { kind: string; seconds: number }>();
  let hostPeakMb = 0;
  const tick = () => {
    const out = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
    const rows = out.split("\n").map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)).filter((m): m is RegExpMatchArray => !!m);
    const ours = new Set([cliPid]);
    // Descendants of the CLI (the provider host is started by the engine, the program by the language host).
    for (let grew = true; grew; ) {
      grew = false;
      for (const [, pid, ppid] of rows) if (ours.has(Number(ppid)) && !ours.has(Number(pid))) ours.add(Number(pid)), (grew = true);
    }
    for (const [, pidText, , args] of rows) {
      const pid = Number(pidText);
      if (!ours.has(pid)) continue;
      // A kind once known sticks: an exiting process shows other args (`[node] <defunct>`),
      // and re-classified on its last tick, all its CPU went to "other".
      const known = cpu.get(pid)?.kind;
      const kind = pid === cliPid ? "engine" : known && known !== "other" ? known : (KINDS.find(([, is]) => is(args))?.[0] ?? "other");
      const seconds = cpuSecondsOf(pid);
      if (Number.isFinite(seconds)) cpu.set(pid, { kind, seconds });
      if (kind === "provider host") hostPeakMb = Math.max(hostPeakMb, memoryOf(pid).peakMb || 0);
    }
  };
  const timer = setInterval(() => {
    try {
      tick();
    } catch {
      // a process ended between ps and /proc: the next tick has the rest
    }
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      const byKind: Record<string, number> = {};
      for (const { kind, seconds } of cpu.values()) byKind[kind] = round((byKind[kind] ?? 0) + seconds, 2);
      return { cpuSeconds: byKind, hostPeakMb: round(hostPeakMb, 1) };
    },
  };
}

export type CliRun = { code: number | null; wallMs: number; startedAt: number; out: string; pid: number; stop: () => ReturnType<ReturnType<typeof sampler>["stop"]> };

export function runCli(args: string[], env: NodeJS.ProcessEnv, where: { cwd: string; stack: string } = { cwd: PROGRAMS.personas, stack: STACK }): Promise<CliRun> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const child = spawn("pulumi", [...args, "--stack", where.stack, "--non-interactive"], { cwd: where.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const s = sampler(child.pid!);
  let out = "";
  child.stdout.on("data", (d) => (out = (out + d).slice(-4000)));
  child.stderr.on("data", (d) => (out = (out + d).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      const stats = s.stop();
      resolve({ code, wallMs, startedAt, out, pid: child.pid!, stop: () => stats });
    });
  });
}

export interface EngineOptions {
  resources: number;
  jobMs: number;
  rateLimit: number;
  rateLimitHeaders?: boolean;
  parallel?: number;
  skipCheckpoints?: boolean;
  program?: EngineProgram;
  limiterVariant?: LimiterVariant;
  transportVariant?: TransportVariant;
  round?: number;
}

/** The CLI's environment for one benchmark: offline, a file backend, the emulator, the limiter and transport variants. */
export function cliEnv(cliDir: string, backendDir: string, emulator: RunningEmulator, opts: Pick<EngineOptions, "parallel" | "skipCheckpoints" | "limiterVariant" | "transportVariant"> & { jobMs?: number }): NodeJS.ProcessEnv {
  // Every node process the CLI starts (the provider host among them) loads the variants first.
  const preloads = [opts.limiterVariant && PRELOAD, opts.transportVariant && TRANSPORT_PRELOAD].filter(Boolean).map((p) => `--require ${p}`);
  const variant = {
    ...(preloads.length ? { NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", ...preloads].join(" ").trim() } : {}),
    ...(opts.limiterVariant ? { BENCH_LIMITER_ORIGIN: emulator.url, BENCH_LIMITER_VARIANT: opts.limiterVariant } : {}),
    ...(opts.transportVariant ? { BENCH_TRANSPORT_VARIANT: opts.transportVariant, BENCH_TRANSPORT_MARK: transportMark(backendDir) } : {}),
  };
  return {
    ...offlineEnv(withPulumiOnPath(cliDir)),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...(opts.jobMs !== undefined ? { BENCH_JOB_MS: String(opts.jobMs) } : {}), // bench/engine-shaped's create
    LAYERS_API_KEY: emulator.apiKey,
    LAYERS_BASE_URL: emulator.url,
    ...(opts.parallel ? { PULUMI_PARALLEL: String(opts.parallel) } : {}),
    ...(opts.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
    ...variant,
  };
}

/** The file the transport variant's stand-in marks when it sends (see transport-variant-preload.js). */
const transportMark = (backendDir: string) => path.join(backendDir, "transport-variant-used");

/** `pulumi stack init` of a fresh stack and its config (the config file is the bench's own scratch). */
export async function initStack(env: NodeJS.ProcessEnv, where: { cwd: string; stack: string }, config: Record<string, string>): Promise<void> {
  // One left by an interrupted run holds another backend's salt, and `stack init` would then
  // fail with "incorrect passphrase".
  fs.rmSync(path.join(where.cwd, `Pulumi.${where.stack}.yaml`), { force: true });
  const init = await runCli(["stack", "init"], env, where);
  if (init.code !== 0) throw new Error(init.out);
  for (const [key, value] of Object.entries(config)) {
    const r = await runCli(["config", "set", key, value], env, where);
    if (r.code !== 0) throw new Error(`pulumi config set ${key} failed:\n${r.out}`);
  }
}

export async function measureEngine(opts: EngineOptions): Promise<EngineResult> {
  const found = locatePulumi();
  if (!found) throw new Error("no pulumi CLI: run npm run setup:pulumi");
  const program = opts.program ?? "personas";
  const where = { cwd: PROGRAMS[program], stack: STACK };
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, jobMs: opts.jobMs, rateLimit: opts.rateLimit || undefined, rateLimitHeaders: opts.rateLimitHeaders });
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-bench-engine-"));
  const env = cliEnv(found.dir, backendDir, emulator, opts);
  const ctl = control(emulator.url);
  const must = async (args: string[]) => {
    const r = await runCli(args, env, where);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${r.out}`);
    return r;
  };
  const setCount = (n: number) => must(["config", "set", "bench:count", String(n)]);
  try {
    await initStack(env, where, program === "trivial" ? { "bench:jobMs": String(opts.jobMs) } : { "bench:projectId": emulator.projectId });

    // The CLI's fixed cost per command: the same commands on an empty stack.
    await setCount(0);
    const empty: Record<Phase, number> = { up: 0, preview: 0, refresh: 0, destroy: 0 };
    for (const phase of ["up", "preview", "refresh", "destroy"] as Phase[]) empty[phase] = (await must(COMMANDS[phase])).wallMs;

    await setCount(opts.resources);
    const phases: EnginePhase[] = [];
    let stateBytes = 0;
    for (const phase of ["up", "preview", "refresh", "destroy"] as Phase[]) {
      await ctl.clearRequests();
      const cpuBefore = process.cpuUsage();
      const run = await runCli(COMMANDS[phase], env, where);
      const emulatorCpu = process.cpuUsage(cpuBefore);
      const log = await ctl.requests();
      const accepted = log.filter((r) => r.status !== 429).length;
      const rateLimited = log.length - accepted;
      const floorMs =
        phase === "preview" ? null
        : phase === "up" ? Math.max(opts.jobMs, opts.rateLimit ? (accepted / opts.rateLimit) * 1000 : 0)
        : opts.rateLimit ? (accepted / opts.rateLimit) * 1000 : null;
      const { cpuSeconds, hostPeakMb } = run.stop();
      const arrivals = log.map((r) => r.atMs - run.startedAt);
      cpuSeconds.emulator = round((emulatorCpu.user + emulatorCpu.system) / 1e6, 2);
      phases.push({
        phase,
        wallMs: Math.round(run.wallMs),
        emptyWallMs: Math.round(empty[phase]),
        requests: log.length,
        rateLimited,
        byEndpoint: tally(log.map(shortName)),
        floorMs: floorMs === null ? null : Math.round(floorMs),
        wallOverFloor: floorMs ? round(run.wallMs / floorMs, 2) : null,
        overheadPerResourceMs: round((run.wallMs - empty[phase] - (floorMs ?? 0)) / opts.resources, 1),
        firstRequestMs: arrivals.length ? Math.min(...arrivals) : null,
        lastRequestMs: arrivals.length ? Math.max(...arrivals) : null,
        failed: run.code !== 0,
        cpuSeconds,
        providerHostPeakMb: hostPeakMb,
      });
      if (phase === "up") stateBytes = stateFileBytes(backendDir);
      if (run.code !== 0) throw new Error(`pulumi ${phase} failed:\n${run.out}`);
      if (opts.transportVariant && log.length > 0) {
        // The requests went through the stand-in, not a real axios some other copy loaded.
        if (!fs.existsSync(transportMark(backendDir))) throw new Error(`pulumi ${phase}: transport variant ${opts.transportVariant} did not apply (no request went through its stand-in)`);
        fs.rmSync(transportMark(backendDir));
      }
    }
    return {
      cli: found.source,
      program,
      ...(opts.limiterVariant ? { limiterVariant: opts.limiterVariant } : {}),
      ...(opts.transportVariant ? { transportVariant: opts.transportVariant } : {}),
      ...(opts.rateLimitHeaders ? { rateLimitHeaders: true } : {}),
      ...(opts.round ? { round: opts.round } : {}),
      parallel: opts.parallel ?? null,
      skipCheckpoints: opts.skipCheckpoints ?? false,
      resources: opts.resources,
      jobMs: opts.jobMs,
      rateLimit: opts.rateLimit,
      stateBytesPerPersona: Math.round(stateBytes / opts.resources),
      phases,
    };
  } finally {
    await runCli(["stack", "rm", "--force", "--yes"], env, where).catch(() => undefined);
    fs.rmSync(path.join(where.cwd, `Pulumi.${where.stack}.yaml`), { force: true });
    await emulator.close();
    fs.rmSync(backendDir, { recursive: true, force: true });
  }
}

/** Size of the stack's checkpoint in the file backend. */
function stateFileBytes(backendDir: string): number {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const files = walk(backendDir).filter((f) => f.endsWith(`${path.sep}${STACK}.json`) && f.includes(`${path.sep}stacks${path.sep}`));
  return files.reduce((n, f) => n + fs.statSync(f).size, 0);
}
