// This package's directory in the user's cache: `$XDG_CACHE_HOME/pulumi-layers`, else
// `~/.cache/pulumi-layers`. The pinned Pulumi toolchain (scripts/pulumi-toolchain.ts) and the
// hosts' module compile cache (compile-cache.ts) live under it.
import * as os from "node:os";
import * as path from "node:path";

export function userCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
  return path.join(base, "pulumi-layers");
}
