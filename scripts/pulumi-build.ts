// Builds the pinned Pulumi toolchain from Go modules into the cache (see pulumi-toolchain.ts).
// Only the files the cache lacks are built (a cache made before the YAML host existed gains
// it without a CLI rebuild). They are built in a scratch directory beside the final one and
// each is renamed into place only after every built file was verified, so an interrupted or
// failed build never leaves a file a later run mistakes for a good one.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { findOnPath } from "./pulumi-cli";
import {
  LANGUAGE_HOST_SDK_VERSION,
  missingFiles,
  offlineEnv,
  pinnedDir,
  PULUMI_VERSION,
  TOOLCHAIN_FILES,
  YAML_HOST_VERSION,
  type ToolchainFile,
} from "./pulumi-toolchain";

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
  /** The files the caller needs (all of them unless said); those the cache lacks are built. */
  files?: readonly ToolchainFile[];
}

const RELEASE_FLAGS = ["-trimpath", "-tags", "osusergo,grpcnotrace"];

/** How each Go-built file is made: its pinned module in scripts/pulumi-build/, its main package, the version it must carry. */
interface GoBuild {
  what: string;
  module: string;
  pkg: string;
  /** The module `go version -m` must name for the binary, at the pinned version. */
  mod: string;
  version: string;
  ldflags?: string;
}

const GO_BUILDS: Partial<Record<ToolchainFile, GoBuild>> = {
  pulumi: {
    what: "the CLI",
    module: "cli",
    pkg: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    mod: "github.com/pulumi/pulumi/pkg/v3",
    version: PULUMI_VERSION,
    ldflags: `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}`,
  },
  "pulumi-language-nodejs": {
    what: "the Node.js language host",
    module: "langhost",
    pkg: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
    mod: "github.com/pulumi/pulumi/sdk/v3",
    version: LANGUAGE_HOST_SDK_VERSION,
  },
  // The version stamp is what the host reports to the engine (`pulumi about` lists it).
  "pulumi-language-yaml": {
    what: "the YAML language host",
    module: "yaml",
    pkg: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    mod: "github.com/pulumi/pulumi-yaml",
    version: YAML_HOST_VERSION,
    ldflags: `-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v${YAML_HOST_VERSION}`,
  },
};

/** Builds (or finds) the pinned toolchain's missing files; resolves with its directory. */
export async function buildPinnedPulumi(opts: BuildOptions): Promise<string> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((l: string) => console.error(l));
  const dest = pinnedDir(env);
  const missing = missingFiles(dest, opts.files ?? TOOLCHAIN_FILES);
  if (missing.length === 0) return dest;

  const go = findOnPath("go", env);
  if (!go) {
    throw new BuildError(
      "find Go",
      `\`go\` is not on PATH, and it is needed to build ${missing.join(", ")}`,
      "install Go 1.22 or later (https://go.dev/doc/install) and run again, or install the Pulumi CLI (https://www.pulumi.com/docs/install/)",
    );
  }
  const versionDir = path.dirname(dest);
  fs.mkdirSync(versionDir, { recursive: true });
  removeAbandonedScratch(versionDir);
  const scratch = fs.mkdtempSync(path.join(versionDir, `building-${process.pid}-`));
  const started = Date.now();
  try {
    if (missing.includes("pulumi")) {
      log(`Building the Pulumi CLI v${PULUMI_VERSION} from Go modules into ${dest}.`);
      log("The first build downloads a few hundred MB of modules and compiles for 10-25 minutes on 2 cores; later runs reuse Go's caches.");
    } else {
      log(`Adding ${missing.join(", ")} to ${dest} (the other files there are kept).`);
      if (missing.includes("pulumi-language-yaml")) {
        log(`The YAML language host v${YAML_HOST_VERSION} downloads about 90 MB of modules and compiles for 1-2 minutes on 2 cores the first time.`);
      }
    }
    const goEnv = { ...env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" };
    const bin = path.join(scratch, "bin");
    fs.mkdirSync(bin);
    const step = (name: string, args: string[], module: string) =>
      runStep(name, go, args, path.join(opts.root, "scripts", "pulumi-build", module), goEnv, log, opts.heartbeatMs);

    for (const file of missing) {
      const build = GO_BUILDS[file];
      if (file === "pulumi-resource-pulumi-nodejs" || !build) {
        copyDynamicProviderScript(opts.root, bin);
        continue;
      }
      const out = path.join(bin, file);
      await step(`download ${build.what}'s modules`, ["mod", "download"], build.module);
      await step(`compile ${build.what}`, ["build", ...RELEASE_FLAGS, ...(build.ldflags ? ["-ldflags", build.ldflags] : []), "-o", out, build.pkg], build.module);
      await verifyBuildInfo(go, out, build, goEnv);
      if (file === "pulumi") await verifyCliVersion(out, env);
    }
    install(bin, dest, missing);
    log(`Built ${missing.join(", ")} in ${Math.round((Date.now() - started) / 1000)} s.`);
    return dest;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Moves each verified file from scratch into `dest` with a rename (same file system, so a
 * file is there whole or not at all), `pulumi` last, so that whoever finds a `pulumi` there
 * (e.g. on PATH) finds its hosts beside it. A file another build put there first is kept:
 * both were verified, and a process may be running it.
 */
function install(bin: string, dest: string, files: readonly ToolchainFile[]): void {
  fs.mkdirSync(dest, { recursive: true });
  const order = [...files].sort((a, b) => Number(a === "pulumi") - Number(b === "pulumi"));
  for (const file of order) {
    if (missingFiles(dest, [file]).length === 0) continue;
    fs.renameSync(path.join(bin, file), path.join(dest, file));
  }
}

/** The stamped version is what the Automation API checks; without it the CLI is refused. */
async function verifyCliVersion(cli: string, env: NodeJS.ProcessEnv): Promise<void> {
  const printed = (await capture(cli, ["version"], offlineEnv(env))).trim();
  if (printed !== `v${PULUMI_VERSION}`) {
    throw new BuildError("verify", `\`pulumi version\` printed "${printed}", expected v${PULUMI_VERSION}`, "delete the cache folder and run again; report it if it repeats");
  }
}

/**
 * `go version -m` reads the build info Go embeds: a truncated or foreign binary has none,
 * and a build from other sources names another module or version.
 */
async function verifyBuildInfo(go: string, file: string, build: GoBuild, env: NodeJS.ProcessEnv): Promise<void> {
  const info = await capture(go, ["version", "-m", file], env);
  const lines = info.split("\n").map((l) => l.trim().split(/\s+/));
  const pathOk = lines.some(([k, v]) => k === "path" && v === build.pkg);
  const modOk = lines.some(([k, m, v]) => k === "mod" && m === build.mod && v === `v${build.version}`);
  if (!pathOk || !modOk) {
    throw new BuildError(
      `verify ${build.what}`,
      `\`go version -m\` does not show ${build.pkg} from ${build.mod} v${build.version}:\n    ${info.trim().split("\n").slice(0, 3).join("\n    ") || "(no build info)"}`,
      "run again; report it if it repeats",
    );
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

