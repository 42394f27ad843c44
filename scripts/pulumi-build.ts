// Builds the pinned Pulumi toolchain from Go modules into the cache (see pulumi-toolchain.ts).
// The build happens in a scratch directory beside the final one and is renamed into place
// only after `pulumi version` printed the pinned version, so an interrupted or failed build
// never leaves a directory a later run mistakes for a good one.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { findOnPath } from "./pulumi-cli";
import { isCompleteToolchain, offlineEnv, pinnedDir, PULUMI_VERSION } from "./pulumi-toolchain";

/** A failed build step: what failed and what to do. */
export class BuildError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly hint: string,
  ) {
    super(`${step}: ${message}`);
    this.name = "BuildError";
  }
}

export interface BuildOptions {
  /** The repository root (holds scripts/pulumi-build/ and node_modules/@pulumi/pulumi). */
  root: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** How often a long step reports that it is still running. */
  heartbeatMs?: number;
}

const RELEASE_FLAGS = ["-trimpath", "-tags", "osusergo,grpcnotrace"];

/** Builds (or finds) the pinned toolchain; resolves with its directory. */
export async function buildPinnedPulumi(opts: BuildOptions): Promise<string> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((l: string) => console.error(l));
  const dest = pinnedDir(env);
  if (isCompleteToolchain(dest)) return dest;

  const go = findOnPath("go", env);
  if (!go) {
    throw new BuildError(
      "find Go",
      "`go` is not on PATH, and no `pulumi` CLI is either",
      "install Go 1.22 or later (https://go.dev/doc/install) and run again, or install the Pulumi CLI (https://www.pulumi.com/docs/install/)",
    );
  }
  const versionDir = path.dirname(dest);
  fs.mkdirSync(versionDir, { recursive: true });
  removeAbandonedScratch(versionDir);
  const scratch = fs.mkdtempSync(path.join(versionDir, `building-${process.pid}-`));
  const started = Date.now();
  try {
    log(`Building the Pulumi CLI v${PULUMI_VERSION} from Go modules into ${dest}.`);
    log("The first build downloads a few hundred MB of modules and compiles for 10-25 minutes on 2 cores; later runs reuse Go's caches.");
    const goEnv = { ...env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" };
    const sources = path.join(opts.root, "scripts", "pulumi-build");
    const bin = path.join(scratch, "bin");
    fs.mkdirSync(bin);

    await runStep("download the CLI's modules", go, ["mod", "download"], path.join(sources, "cli"), goEnv, log, opts.heartbeatMs);
    await runStep(
      "compile the CLI",
      go,
      ["build", ...RELEASE_FLAGS, "-ldflags", `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}`, "-o", path.join(bin, "pulumi"), "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"],
      path.join(sources, "cli"),
      goEnv,
      log,
      opts.heartbeatMs,
    );
    await runStep("download the language host's modules", go, ["mod", "download"], path.join(sources, "langhost"), goEnv, log, opts.heartbeatMs);
    await runStep(
      "compile the Node.js language host",
      go,
      ["build", ...RELEASE_FLAGS, "-o", path.join(bin, "pulumi-language-nodejs"), "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"],
      path.join(sources, "langhost"),
      goEnv,
      log,
      opts.heartbeatMs,
    );
    copyDynamicProviderScript(opts.root, bin);

    const printed = (await capture(path.join(bin, "pulumi"), ["version"], offlineEnv(env))).trim();
    if (printed !== `v${PULUMI_VERSION}`) {
      throw new BuildError("verify", `\`pulumi version\` printed "${printed}", expected v${PULUMI_VERSION}`, "delete the cache folder and run again; report it if it repeats");
    }
    // Another build may have finished first: keep the one that is already in place.
    if (!isCompleteToolchain(dest)) {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.renameSync(bin, dest);
    }
    log(`Built pulumi v${PULUMI_VERSION} in ${Math.round((Date.now() - started) / 1000)} s.`);
    return dest;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Scratch directories of builds whose process is gone (killed mid-build): never used, only removed. */
function removeAbandonedScratch(versionDir: string): void {
  for (const name of fs.readdirSync(versionDir)) {
    const pid = Number(/^building-(\d+)-/.exec(name)?.[1]);
    if (!pid || isAlive(pid)) continue;
    fs.rmSync(path.join(versionDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** `pulumi-resource-pulumi-nodejs` ships with `@pulumi/pulumi`; the engine finds it next to `pulumi`. */
function copyDynamicProviderScript(root: string, bin: string): void {
  let source: string;
  try {
    source = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] })), "pulumi-resource-pulumi-nodejs");
    fs.copyFileSync(source, path.join(bin, "pulumi-resource-pulumi-nodejs"));
  } catch (e) {
    throw new BuildError("copy pulumi-resource-pulumi-nodejs", (e as Error).message, "run `npm ci` in the repository, then run again");
  }
  fs.chmodSync(path.join(bin, "pulumi-resource-pulumi-nodejs"), 0o755);
}

function runStep(
  step: string,
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  log: (l: string) => void,
  heartbeatMs = 30_000,
): Promise<void> {
  const started = Date.now();
  log(`- ${step} …`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const beat = setInterval(() => log(`  still working on "${step}" (${Math.round((Date.now() - started) / 1000)} s)`), heartbeatMs);
    child.on("error", (e) => {
      clearInterval(beat);
      reject(new BuildError(step, e.message, "check that Go works (`go version`)"));
    });
    child.on("close", (code) => {
      clearInterval(beat);
      if (code === 0) {
        log(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
        return resolve();
      }
      const tail = output.trim().split("\n").slice(-8).join("\n    ");
      reject(
        new BuildError(
          step,
          `\`go ${args.join(" ")}\` exited ${code}:\n    ${tail}`,
          "a download error means the Go module proxy did not serve a module (check GOPROXY and the network) and is worth one retry; a compile error means the pinned sources need a fix: report it",
        ),
      );
    });
  });
}

function capture(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", (e) => reject(new BuildError("verify", e.message, "delete the cache folder and run again")));
    child.on("close", () => resolve(out));
  });
}

