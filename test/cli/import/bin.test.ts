// The shipped bin (dist/cli/import/main.js, run by `npx layers-import`) as its own process:
// what reaches the real terminal and the output file, and that the API key never does.
// Needs `npm run build` (npm test builds first).
import { strict as assert } from "node:assert";
import { runCommand } from "../../../scripts/pulumi-cli";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { start } from "../../emulator/support";
import type { RunningEmulator } from "../../../emulator";
import { REPO_ROOT, createPersona } from "./support";

const BIN = path.join(REPO_ROOT, "dist/cli/import/main.js");
// A distinctive key: the emulator's org accepts it (--api-key), so a successful run has it in play.
const KEY = "lyr_test_secretkey_7d41c0a9b8e2f356";

function run(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT) {
  return runCommand(process.execPath, [BIN, ...args], { cwd, env });
}

describe("layers-import bin", function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  let tmp: string;
  /** A PATH holding only `node`: no pulumi CLI, whatever this machine has installed. */
  let bareBin: string;
  before(async () => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
    emu = await start({ jobMs: 30, apiKey: KEY });
    await createPersona(emu, emu.projectId, { name: "Ava", brandVoice: "secret-free" });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-import-bin-"));
    bareBin = path.join(tmp, "bin");
    fs.mkdirSync(bareBin);
    fs.symlinkSync(process.execPath, path.join(bareBin, "node"));
  });
  after(async () => {
    await emu?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => ({ PATH: bareBin, LAYERS_API_KEY: KEY, LAYERS_BASE_URL: emu.url, ...extra });

  it("writes the program to --out, reports on stderr, and the key appears in neither", async () => {
    const out = path.join(tmp, "stack", "index.ts");
    const res = await run(["--project", emu.projectId, "--out", out], env());
    assert.equal(res.code, 0, res.stderr);
    const program = fs.readFileSync(out, "utf8");
    assert.match(program, /new layers\.Influencer\("ava", \{/);
    assert.match(res.stderr, /1 persona\(s\) declared, 0 left out .*; wrote /);
    assert.equal(res.stdout, "");
    for (const text of [program, res.stdout, res.stderr]) assert.ok(!text.includes(KEY), "the key is never printed or written");
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ["index.ts"], "no temp file left beside it");
  });

  it("prints the program to stdout without --out", async () => {
    const res = await run(["--project", emu.projectId], env());
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^\/\/ Layers project [^\n]*\n(\/\/[^\n]*\n)*import \* as layers from "pulumi-layers";\n/);
    assert.ok(!res.stdout.includes(KEY) && !res.stderr.includes(KEY));
  });

  it("a wrong key ends in one line on stderr, exit 1, and does not show that key", async () => {
    const wrong = "lyr_test_wrongkey_0a1b2c3d4e5f6789";
    const res = await run(["--project", emu.projectId], env({ LAYERS_API_KEY: wrong }));
    assert.equal(res.code, 1);
    assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
    assert.match(res.stderr, /refused the API key/);
    assert.ok(!res.stderr.includes(wrong) && !res.stdout.includes(wrong));
  });

  it("--out naming a directory is refused with the file to name instead", async () => {
    const res = await run(["--project", emu.projectId, "--out", tmp], env());
    assert.equal(res.code, 1);
    assert.match(res.stderr, /--out .* is a directory; name the file to write, e.g. .*index\.ts/);
  });

  // A stand-in for the pulumi CLI (it answers `version` and `config --show-secrets --json`
  // like the real one and logs its arguments): proves what layers-import asks the CLI and
  // does with the answer. The real CLI itself is not exercised here (none on these machines).
  function fakePulumi(config: Record<string, { value: string; secret: boolean }>): string {
    const dir = fs.mkdtempSync(path.join(tmp, "fake-pulumi-"));
    fs.symlinkSync(process.execPath, path.join(dir, "node"));
    const script = `#!/usr/bin/env node
const fs = require("fs");
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(path.join(dir, "calls.log"))}, JSON.stringify({ args, cwd: process.cwd() }) + "\\n");
if (args[0] === "version") { console.log("v3.270.0"); process.exit(0); }
const stack = args[args.indexOf("--stack") + 1];
if (args[0] === "config" && stack === "dev") { console.log(JSON.stringify(${JSON.stringify(config)})); process.exit(0); }
console.error("error: no stack named '" + stack + "' found");
process.exit(255);
`;
    fs.writeFileSync(path.join(dir, "pulumi"), script, { mode: 0o755 });
    return dir;
  }
  const calls = (dir: string) => fs.readFileSync(path.join(dir, "calls.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l));

  it("--stack NAME takes layers:apiKey and layers:baseUrl from the stack's config, read with --show-secrets in the current directory", async () => {
    const cli = fakePulumi({ "layers:apiKey": { value: KEY, secret: true }, "layers:baseUrl": { value: emu.url, secret: false } });
    const project = fs.mkdtempSync(path.join(tmp, "project-"));
    const res = await run(["--project", emu.projectId, "--stack", "dev", "--out", "index.ts"], { PATH: cli }, project);
    assert.equal(res.code, 0, res.stderr);
    assert.match(fs.readFileSync(path.join(project, "index.ts"), "utf8"), /new layers\.Influencer\("ava"/);
    const config = calls(cli).find((c) => c.args[0] === "config");
    assert.deepEqual(config.args.slice(0, 5), ["config", "--show-secrets", "--json", "--stack", "dev"]);
    assert.equal(fs.realpathSync(config.cwd), fs.realpathSync(project));
    assert.ok(!res.stderr.includes(KEY) && !res.stdout.includes(KEY));
  });

  it("--stack naming a stack the CLI does not know: one line with the CLI's reason", async () => {
    const cli = fakePulumi({});
    const res = await run(["--project", emu.projectId, "--stack", "prod"], { PATH: cli });
    assert.equal(res.code, 1);
    assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
    assert.match(res.stderr, /^layers-import: reading the config of stack prod in \S+ failed: no stack named 'prod' found\n$/);
  });

  it("--stack whose config has no layers:apiKey says how to set it", async () => {
    const cli = fakePulumi({ "layers:baseUrl": { value: emu.url, secret: false } });
    const res = await run(["--project", emu.projectId, "--stack", "dev"], { PATH: cli });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /stack dev has no layers:apiKey and LAYERS_API_KEY is not set: run `pulumi config set --secret layers:apiKey <key> --stack dev`/);
  });

  it("ships as the package's layers-import bin, a node script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    assert.equal(pkg.bin["layers-import"], "dist/cli/import/main.js");
    assert.ok(fs.readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n"));
  });

  // The --stack path with a real CLI (Automation API, `pulumi config --show-secrets`) is not
  // exercised here: no pulumi CLI on these machines yet. This covers its failure without one.
  it("--stack without the pulumi CLI on PATH says what to install or set instead", async () => {
    const res = await run(["--project", emu.projectId, "--stack", "dev"], env({ LAYERS_API_KEY: "" }));
    assert.equal(res.code, 1);
    assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
    assert.match(res.stderr, /--stack needs the Pulumi CLI \(`pulumi`\) on PATH .* or export LAYERS_API_KEY and LAYERS_BASE_URL instead of --stack/);
  });
});
