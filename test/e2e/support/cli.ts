// The real Pulumi CLI for the e2e suites: found on PATH or in the pinned build's cache
// (`npm run setup:pulumi`). Outside CI a missing CLI skips the suite with the reason; in CI
// (CI=true) it fails, because CI must run these suites, never skip them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPulumi, type PulumiResult } from "../../../scripts/pulumi-cli";
import { locatePulumi, offlineEnv, toolchainDirs, withPulumiOnPath } from "../../../scripts/pulumi-toolchain";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const PASSPHRASE = "e2e-passphrase";

/**
 * Puts the CLI first on this process's PATH (the Automation API spawns `pulumi` from PATH)
 * and returns its directory; skips (or, in CI, fails) the suite when there is none.
 */
export function requireCli(ctx: Mocha.Context): string {
  const found = locatePulumi();
  if (!found) {
    const why = "no `pulumi` on PATH and no pinned build in the cache: run `npm run setup:pulumi`";
    if (process.env.CI === "true") throw new Error(`e2e must run in CI, but ${why}`);
    console.log(`    e2e skipped: ${why}`);
    ctx.skip();
  }
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "runtime.js"))) {
    throw new Error("dist/provider/runtime.js is missing: run npm run build (npm test does)");
  }
  // The YAML host may sit apart from a `pulumi` on PATH (the pinned one): both go first.
  Object.assign(process.env, offlineEnv(withPulumiOnPath(toolchainDirs(found!))));
  return found!.dir;
}

/** A fresh local file backend; `dispose` removes it. */
export function tempBackend(label: string): { dir: string; url: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `layers-e2e-${label}-`));
  return { dir, url: `file://${dir}`, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** What the Automation API's workspace needs to run against a local backend, offline. */
export function stackEnv(backendUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // ts-node without type checks: `npm run typecheck` checks every program here already,
    // and checking again in each of the suite's ~50 program runs costs minutes.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...extra,
  };
}

/** Runs the CLI itself (not the Automation API), e.g. for `stack export` without `--show-secrets`. */
export async function pulumi(args: string[], cwd: string, backendUrl: string): Promise<PulumiResult> {
  return runPulumi([...args, "--non-interactive"], { cwd, env: { ...process.env, ...stackEnv(backendUrl) } });
}
