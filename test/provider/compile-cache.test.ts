// Each host entry turns on Node's module compile cache, in a directory of the user's own
// (XDG_CACHE_HOME or ~/.cache, under pulumi-layers/) unless NODE_COMPILE_CACHE names one, and
// writes it once loaded, because the engine ends provider hosts with a signal and Node writes
// the cache only at a normal exit. Checked on the built package: a host killed right after
// loading leaves a cache behind (so the next pulumi command's host skips compiling), and
// NODE_DISABLE_COMPILE_CACHE leaves none.
import * as assert from "assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packed";

const files = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [e.name])) : [];

/**
 * Runs `script` with a fresh cache home (XDG_CACHE_HOME), SIGKILLs it when it prints "ready"
 * or a port; the files left in our cache directory, and in the directory NODE_COMPILE_CACHE
 * names when `env` sets it to "<dir>".
 */
async function cacheLeftBy(script: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ours: string[]; named: string[] }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "layers-compile-cache-"));
  const named = path.join(home, "named");
  try {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: home };
    delete childEnv.NODE_COMPILE_CACHE;
    delete childEnv.NODE_DISABLE_COMPILE_CACHE;
    for (const [k, v] of Object.entries(env)) childEnv[k] = v === "<dir>" ? named : v;
    const child = spawn(process.execPath, script, { cwd: REPO_ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (/ready|^\d+\n/m.test(out)) child.kill("SIGKILL");
      });
      child.on("error", reject);
      child.on("close", () => resolve());
    });
    return { ours: files(path.join(home, "pulumi-layers", "node-compile-cache")), named: files(named) };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const loadScript = (runtime: string) => ["-e", `require(${JSON.stringify(path.join(REPO_ROOT, runtime))}); console.log("ready"); setInterval(() => {}, 1000)`];

describe("the hosts' compile cache", function () {
  this.timeout(60_000);
  before(function () {
    if (typeof (nodeModule as { flushCompileCache?: unknown }).flushCompileCache !== "function") {
      console.log(`      skipped: Node ${process.version} has no module.flushCompileCache (22.10 and later do)`);
      this.skip();
    }
  });

  for (const runtime of ["dist/provider/runtime.js", "dist/provider/media/runtime.js"]) {
    it(`${runtime}, loaded as the dynamic host loads it and then killed, leaves its compiled modules in the user's cache`, async () => {
      const left = await cacheLeftBy(loadScript(runtime));
      assert.ok(left.ours.length >= 20, `${left.ours.length} cache files`);
      const off = await cacheLeftBy(loadScript(runtime), { NODE_DISABLE_COMPILE_CACHE: "1" });
      assert.deepStrictEqual([off.ours, off.named], [[], []], "NODE_DISABLE_COMPILE_CACHE=1 turns it off");
      const elsewhere = await cacheLeftBy(loadScript(runtime), { NODE_COMPILE_CACHE: "<dir>" });
      assert.ok(elsewhere.named.length >= 20 && elsewhere.ours.length === 0, "NODE_COMPILE_CACHE names the directory");
    });
  }

  it("the plugin, killed once it serves, leaves @pulumi/pulumi's and gRPC's modules cached too", async () => {
    const plugin = await cacheLeftBy([path.join(REPO_ROOT, "dist/provider/plugin/main.js")]);
    const runtimeOnly = await cacheLeftBy(loadScript("dist/provider/runtime.js"));
    assert.ok(plugin.ours.length > runtimeOnly.ours.length + 50, `plugin: ${plugin.ours.length} cache files, dynamic runtime alone: ${runtimeOnly.ours.length}`);
  });

  it("a cache directory others may write to is not used", async function () {
    if (typeof process.getuid !== "function") return this.skip();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "layers-compile-cache-shared-"));
    try {
      const dir = path.join(home, "pulumi-layers", "node-compile-cache");
      fs.mkdirSync(dir, { recursive: true });
      fs.chmodSync(dir, 0o777);
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: home };
      delete env.NODE_COMPILE_CACHE;
      delete env.NODE_DISABLE_COMPILE_CACHE;
      const probe = (dir: string) =>
        `require(${JSON.stringify(path.join(REPO_ROOT, "dist/provider/runtime.js"))}); console.log(require("node:module").getCompileCacheDir?.() ?? "none"); process.exit(0)`;
      const run = async () => {
        const child = spawn(process.execPath, ["-e", probe(dir)], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        await new Promise((resolve) => child.on("close", resolve));
        return out.trim();
      };
      assert.strictEqual(await run(), "none", "a world-writable directory is left alone");
      fs.chmodSync(dir, 0o700);
      assert.ok((await run()).startsWith(dir + path.sep), "the same directory, the user's own, is used");
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
