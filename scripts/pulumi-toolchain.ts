// Where the Pulumi CLI comes from: a `pulumi` on PATH always wins; otherwise the pinned
// build that `npm run setup:pulumi` keeps in the user's cache folder. No registry ships a
// ready CLI here, so the pinned one is compiled from Go modules (scripts/pulumi-build/).
// The YAML language host is located on its own: beside the CLI in use when it is there,
// else the pinned one (a `pulumi` on PATH may come without it).
import * as fs from "fs";
import * as path from "path";
import { findOnPath } from "./pulumi-cli";
import { userCacheRoot } from "../provider/user-cache";

/** The Pulumi release the CLI is built from; the same as the `@pulumi/pulumi` we depend on. */
export const PULUMI_VERSION = "3.276.0";
/**
 * The Node.js language host's release. Newer ones live in a module of their own that the Go
 * module proxy refuses (403); v3.68.0 is the newest `sdk/v3` that still contains it.
 */
export const LANGUAGE_HOST_SDK_VERSION = "3.68.0";

/** The YAML language host's release (`github.com/pulumi/pulumi-yaml`, served by the Go module proxy). */
export const YAML_HOST_VERSION = "1.25.0";

/** The three files a `runtime: nodejs` program with dynamic resources needs on PATH. */
export const NODEJS_TOOLCHAIN_FILES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"] as const;
/** What a `runtime: yaml` program needs besides `pulumi`. */
export const YAML_HOST_FILE = "pulumi-language-yaml";
/** Everything the pinned build holds; `setup:pulumi` builds whichever of them is missing. */
export const TOOLCHAIN_FILES = [...NODEJS_TOOLCHAIN_FILES, YAML_HOST_FILE] as const;
export type ToolchainFile = (typeof TOOLCHAIN_FILES)[number];

/** `$LAYERS_PULUMI_CACHE`, else `$XDG_CACHE_HOME/pulumi-layers`, else `~/.cache/pulumi-layers`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAYERS_PULUMI_CACHE) return path.resolve(env.LAYERS_PULUMI_CACHE);
  return userCacheRoot(env);
}

/** The directory the pinned build lives in (complete or not). */
export function pinnedDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), `pulumi-v${PULUMI_VERSION}`, "bin");
}

/** True when `dir/file` is an executable. */
export function hasExecutable(dir: string, file: string): boolean {
  try {
    fs.accessSync(path.join(dir, file), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The files of `files` that `dir` lacks. */
export function missingFiles<T extends string>(dir: string, files: readonly T[]): T[] {
  return files.filter((f) => !hasExecutable(dir, f));
}

export interface PulumiLocation {
  /** Directory holding `pulumi` (and, for the pinned build, the Node.js host and provider script). */
  dir: string;
  source: "PATH" | "cache";
  /**
   * Directory holding the `pulumi-language-yaml` to use, or undefined when there is none:
   * `cliHome(dir)` when the host is beside the CLI's executable (the CLI then uses it
   * silently), else `dir` or the pinned build's directory, which must then be on PATH (after
   * `dir`; the CLI uses it with a warning, "using pulumi-language-yaml from $PATH").
   */
  yamlDir?: string;
}

/**
 * The CLI to use, or undefined when there is none yet. A pinned build without the YAML host
 * (built before it was added) still serves Node.js programs; `yamlDir` says whether YAML
 * programs can run, and `npm run setup:pulumi` adds the missing host.
 */
export function locatePulumi(env: NodeJS.ProcessEnv = process.env): PulumiLocation | undefined {
  const pinned = pinnedDir(env);
  const onPath = findOnPath("pulumi", env);
  const dir = onPath ? path.dirname(onPath) : missingFiles(pinned, NODEJS_TOOLCHAIN_FILES).length === 0 ? pinned : undefined;
  if (!dir) return undefined;
  const yamlDir = [cliHome(dir), dir, pinned].find((d) => hasExecutable(d, YAML_HOST_FILE));
  return { dir, source: onPath ? "PATH" : "cache", ...(yamlDir ? { yamlDir } : {}) };
}

/** Where the CLI in `dir` looks first for its hosts: beside its own executable, symbolic links resolved. */
export function cliHome(dir: string): string {
  try {
    return path.dirname(fs.realpathSync(path.join(dir, "pulumi")));
  } catch {
    return dir;
  }
}

/** The directories to put first on PATH, in order, for the CLI and every host `found` names. */
export function toolchainDirs(found: PulumiLocation): string[] {
  return found.yamlDir && found.yamlDir !== found.dir ? [found.dir, found.yamlDir] : [found.dir];
}

/**
 * `env` with `dirs` first on PATH (a directory or several, in order), so the CLI finds its
 * language hosts and the dynamic provider.
 */
export function withPulumiOnPath(dirs: string | readonly string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const first = typeof dirs === "string" ? [dirs] : [...dirs];
  const rest = (env.PATH ?? "").split(path.delimiter).filter((p) => p && !first.includes(p));
  return { ...env, PATH: [...first, ...rest].join(path.delimiter) };
}

/** The settings that keep the CLI offline and out of the user's home: no update check, no plugin downloads. */
export function offlineEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}
