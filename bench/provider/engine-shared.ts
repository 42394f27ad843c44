// Several stacks on one API key at once, through the real engine: the branch-stack case in CI,
// where S `pulumi up` of N personas each start together against one rate-limited key, then S
// `pulumi destroy`. Each CLI runs its own provider host, so each has its own rate limiter and
// they meet only at the key. Floor = every request the key accepted / its rate; the total is
// timed from the first spawn to the last exit.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { locatePulumi } from "../../scripts/pulumi-toolchain";
import { cliEnv, initStack, PROGRAMS, runCli } from "./engine";
import { control, shortName } from "./requests";
import { round, tally } from "./stats";

export interface SharedPhase {
  phase: "up" | "destroy";
  /** First spawn to last exit. */
  wallMs: number;
  perStackWallMs: number[];
  requests: number;
  rateLimited: number;
  floorMs: number;
  wallOverFloor: number;
  /** Stacks whose command exited non-zero. */
  failedStacks: number;
  /** up: declared personas that are not live afterwards; destroy: personas still live. */
  failedResources: number;
  byEndpoint: Record<string, number>;
}

export interface SharedEngineResult {
  stacks: number;
  personasPerStack: number;
  jobMs: number;
  rateLimit: number;
  rateLimitHeaders?: boolean;
  phases: SharedPhase[];
}

export async function measureSharedEngine(opts: { stacks: number; personas: number; jobMs: number; rateLimit: number; rateLimitHeaders?: boolean }): Promise<SharedEngineResult> {
  const found = locatePulumi();
  if (!found) throw new Error("no pulumi CLI: run npm run setup:pulumi");
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, jobMs: opts.jobMs, rateLimit: opts.rateLimit, rateLimitHeaders: opts.rateLimitHeaders });
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-bench-shared-"));
  const env = cliEnv(found.dir, backendDir, emulator, {});
  const ctl = control(emulator.url);
  const stacks = Array.from({ length: opts.stacks }, (_, i) => ({ cwd: PROGRAMS.personas, stack: `bench-shared-${i + 1}` }));
  try {
    for (const where of stacks) await initStack(env, where, { "bench:projectId": emulator.projectId, "bench:count": String(opts.personas) });
    const phases: SharedPhase[] = [];
    for (const phase of ["up", "destroy"] as const) {
      await ctl.clearRequests();
      const t0 = performance.now();
      const runs = await Promise.all(stacks.map((where) => runCli([phase, "--yes", "--skip-preview"], env, where)));
      const wallMs = performance.now() - t0;
      const log = await ctl.requests();
      const accepted = log.filter((r) => r.status !== 429).length;
      const floorMs = (accepted / opts.rateLimit) * 1000;
      const live = await ctl.livePersonas();
      phases.push({
        phase,
        wallMs: Math.round(wallMs),
        perStackWallMs: runs.map((r) => Math.round(r.wallMs)),
        requests: log.length,
        rateLimited: log.length - accepted,
        floorMs: Math.round(floorMs),
        wallOverFloor: round(wallMs / floorMs, 2),
        failedStacks: runs.filter((r) => r.code !== 0).length,
        failedResources: phase === "up" ? opts.stacks * opts.personas - live : live,
        byEndpoint: tally(log.map((r) => (r.status === 429 ? `${shortName(r)} (429)` : shortName(r)))),
      });
      const failed = runs.find((r) => r.code !== 0);
      if (failed) process.stderr.write(`bench: a shared-key ${phase} failed:\n${failed.out}\n`);
    }
    return { stacks: opts.stacks, personasPerStack: opts.personas, jobMs: opts.jobMs, rateLimit: opts.rateLimit, ...(opts.rateLimitHeaders ? { rateLimitHeaders: true } : {}), phases };
  } finally {
    for (const where of stacks) {
      await runCli(["stack", "rm", "--force", "--yes"], env, where).catch(() => undefined);
      fs.rmSync(path.join(where.cwd, `Pulumi.${where.stack}.yaml`), { force: true });
    }
    await emulator.close();
    fs.rmSync(backendDir, { recursive: true, force: true });
  }
}
