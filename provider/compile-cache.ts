// Every pulumi command starts a provider host, and loading this package's modules (zod,
// axios, our own; in the plugin also @pulumi/pulumi and gRPC) is a good part of that start.
// Node's module compile cache keeps V8's compiled code on disk, so the next host skips
// compiling what has not changed. Imported first by each host entry (the dynamic runtimes,
// the plugin's main): it only speeds up modules loaded after it.
//
// Where: NODE_COMPILE_CACHE when set, else a directory of this user's only
// (~/.cache/pulumi-layers/node-compile-cache, 0700), not Node's default under the shared
// os.tmpdir(): a host holds the API key, and code another user could plant in a shared cache
// would run in it. Node writes the cache at a normal exit, but the engine ends its hosts with
// a signal, so each entry flushes once it has loaded. A quiet optimisation: Node never throws
// from it, older Nodes lack it, and NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as path from "node:path";
import { userCacheRoot } from "./user-cache";

const api = nodeModule as { enableCompileCache?: (dir?: string) => unknown; flushCompileCache?: () => void };

function ownDirectory(): string | undefined {
  try {
    const dir = path.join(userCacheRoot(), "node-compile-cache");
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    // Another user's directory (or one others may write to) is not ours to trust.
    if (typeof process.getuid === "function" && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined; // no home, read-only disk: start as before
  }
}

if (api.enableCompileCache && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  const dir = process.env.NODE_COMPILE_CACHE || ownDirectory();
  if (dir) api.enableCompileCache(dir);
}

/** Writes what this process has compiled so far to the cache (a host is killed, not exited). */
export function flushCompileCache(): void {
  try {
    api.flushCompileCache?.();
  } catch {
    // best effort: a full disk costs the next start its compile time, nothing else
  }
}
