// What `npm install <the packed tarball>` puts into a user's program: the provider's run-time
// dependencies, and not the emulator's server (fastify, ulid: optional peer dependencies).
// The emulator then says what to install, and works once that is done.
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./package";

interface PackageJson {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, stdio: "pipe", encoding: "utf8" });

/** Every package directory under node_modules (scoped ones as `@scope/name`), nested ones included. */
function installed(nodeModules: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith(".")) continue;
      const full = path.join(dir, entry);
      if (entry.startsWith("@")) {
        for (const scoped of fs.readdirSync(full)) found.push(`${entry}/${scoped}`), walk(path.join(full, scoped, "node_modules"));
      } else {
        found.push(entry);
        walk(path.join(full, "node_modules"));
      }
    }
  };
  walk(nodeModules);
  return found;
}

function runBin(bin: string, args: string[], cwd: string, until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (until?.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the packed package in a user's program: only what the provider needs at run time", function () {
  this.timeout(180_000);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;
  const serverPackages = Object.keys(pkg.peerDependencies).filter((name) => pkg.peerDependenciesMeta[name]?.optional);
  let scratch: string;
  let nodeModules: string;

  before(() => {
    if (!fs.existsSync(path.join(REPO_ROOT, "dist", "emulator", "bin.js"))) throw new Error("dist/ is missing: run npm run build first (npm test does)");
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-layers-footprint-"));
    // dist/ is already built: pack it as it is rather than building it a second time.
    const tarball = npm(["pack", "--ignore-scripts", "--pack-destination", scratch], REPO_ROOT).trim().split("\n").pop()!;
    fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "scratch-program", private: true }));
    npm(["install", path.join(scratch, tarball), "--prefer-offline"], scratch);
    nodeModules = path.join(scratch, "node_modules");
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("the emulator's server packages are optional peers, and nothing else is", () => {
    assert.deepEqual(serverPackages.sort(), ["fastify", "ulid"]);
    for (const name of serverPackages) assert.ok(!(name in pkg.dependencies), `${name} is not a dependency`);
  });

  it("installs every run-time dependency and none of the emulator's server packages", () => {
    const all = installed(nodeModules);
    for (const dep of Object.keys(pkg.dependencies)) assert.ok(fs.existsSync(path.join(nodeModules, dep, "package.json")), `${dep} installed`);
    const server = all.filter((name) => serverPackages.includes(name) || name.startsWith("@fastify/"));
    assert.deepEqual(server, [], "no emulator server package in the program");
    console.log(`      ${all.length} packages in the program's node_modules (pulumi-layers included)`);
  });

  it("the provider, the look-ups and the command-line tools load without them", () => {
    // Resolved from the scratch program, whose node_modules has no fastify (nor has any folder above it).
    for (const mod of ["pulumi-layers", "pulumi-layers/dist/provider/runtime"]) {
      const file = require.resolve(mod, { paths: [scratch] });
      assert.ok(file.startsWith(nodeModules), file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      assert.ok(require(file), mod);
    }
    // Every command the package ships but the emulator's and the plugin's (below) answers --help.
    const bins = Object.keys((JSON.parse(fs.readFileSync(path.join(nodeModules, "pulumi-layers", "package.json"), "utf8")) as { bin: Record<string, string> }).bin);
    const commands = bins.filter((b) => b !== "layers-emulator" && b !== "pulumi-resource-layers");
    assert.ok(commands.includes("layers-migrate") && commands.includes("layers-import"), commands.join(", "));
    for (const bin of commands) {
      const out = execFileSync(path.join(nodeModules, ".bin", bin), ["--help"], { cwd: scratch, encoding: "utf8" });
      assert.match(out, new RegExp(`^Usage: ${bin}`));
    }
  });

  it("the plugin pulumi-resource-layers starts from the package and prints the port it serves on", async () => {
    const plugin = spawn(path.join(nodeModules, "pulumi-layers", "bin", "pulumi-resource-layers"), [], { cwd: scratch, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        plugin.stdout.once("data", (d: Buffer) => resolve(d.toString()));
        plugin.once("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      assert.match(line, /^\d+\n$/);
    } finally {
      plugin.kill();
    }
  });

  it("layers-emulator without them: exit 1, naming the packages and the command that installs them", async () => {
    const r = await runBin(path.join(nodeModules, ".bin", "layers-emulator"), ["--port", "0"], scratch);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const specs = serverPackages.map((name) => `'${name}@${pkg.peerDependencies[name]}'`).join(" ");
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^layers-emulator: the Layers emulator needs fastify and ulid, which are not installed/);
    assert.ok(r.stderr.includes(`npm install --save-dev ${specs}`), r.stderr);
    assert.ok(fs.readFileSync(path.join(REPO_ROOT, "docs", "emulator.md"), "utf8").includes(`npm install --save-dev ${specs.replace(/'/g, "")}`), "docs/emulator.md gives the same command");
    // Loading it as a library fails the same way, with no stack of fastify's resolution.
    assert.throws(() => require(require.resolve("pulumi-layers/dist/emulator", { paths: [scratch] })), (e: Error) => {
      assert.equal(e.name, "MissingServerPackagesError");
      assert.ok(e.message.includes(`npm install --save-dev ${specs}`), e.message);
      return true;
    });
  });

  it("after the command it printed, layers-emulator serves", async () => {
    npm(["install", "--save-dev", ...serverPackages.map((name) => `${name}@${pkg.peerDependencies[name]}`), "--prefer-offline"], scratch);
    const r = await runBin(path.join(nodeModules, ".bin", "layers-emulator"), ["--port", "0"], scratch, /Dashboard: /);
    assert.match(r.stdout, /^Layers emulator listening on http:\/\/127\.0\.0\.1:\d+\n/, r.stderr);
    assert.match(r.stdout, /Layers emulator stopped \(SIGTERM\)/);
    assert.equal(r.code, 0, r.stderr);
  });
});
