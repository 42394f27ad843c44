// Where the Pulumi CLI comes from: a `pulumi` on PATH always wins; otherwise the pinned
// build that `npm run setup:pulumi` keeps in the user's cache folder. No registry ships a
// ready CLI here, so the pinned one is compiled from Go modules (scripts/pulumi-build/).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findOnPath } from "./pulumi-cli";

/** The Pulumi release the CLI is built from; the same as the `@pulumi/pulumi` we depend on. */
export const PULUMI_VERSION = "3.276.0";
/**
 * The Node.js language host's release. Newer ones live in a module of their own that the Go
 * module proxy refuses (403); v3.68.0 is the newest `sdk/v3` that still contains it.
 */
export const LANGUAGE_HOST_SDK_VERSION = "3.68.0";

/** The three files a `runtime: nodejs` program with dynamic resources needs on PATH. */
export const TOOLCHAIN_FILES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"] as const;

/** `$LAYERS_PULUMI_CACHE`, else `$XDG_CACHE_HOME/pulumi-layers`, else `~/.cache/pulumi-layers`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAYERS_PULUMI_CACHE) return path.resolve(env.LAYERS_PULUMI_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
  return path.join(base, "pulumi-layers");
}

/** The directory the pinned build lives in (complete or not). */
export function pinnedDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), `pulumi-v${PULUMI_VERSION}`, "bin");
}

/** True when `dir` holds all three executables. */
export function isCompleteToolchain(dir: string): boolean {
  return TOOLCHAIN_FILES.every((f) => {
    try {
      fs.accessSync(path.join(dir, f), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface PulumiLocation {
  /** Directory holding `pulumi` (and, for the pinned build, the other two files). */
  dir: string;
  source: "PATH" | "cache";
}

/** The CLI to use, or undefined when there is none yet. */
export function locatePulumi(env: NodeJS.ProcessEnv = process.env): PulumiLocation | undefined {
  const onPath = findOnPath("pulumi", env);
  if (onPath) return { dir: path.dirname(onPath), source: "PATH" };
  const dir = pinnedDir(env);
  return isCompleteToolchain(dir) ? { dir, source: "cache" } : undefined;
}

/** `env` with `dir` first on PATH, so the CLI finds its language host and the dynamic provider. */
export function withPulumiOnPath(dir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const rest = (env.PATH ?? "").split(path.delimiter).filter((p) => p && p !== dir);
  return { ...env, PATH: [dir, ...rest].join(path.delimiter) };
}

/** The settings that keep the CLI offline and out of the user's home: no update check, no plugin downloads. */
export function offlineEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}
