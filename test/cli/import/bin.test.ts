// The shipped bin (dist/cli/import/main.js, run by `npx layers-import`) as its own process:
// what reaches the real terminal and the output file, and that the API key never does.
// Needs `npm run build` (npm test builds first).
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { start } from "../../emulator/support";
import type { RunningEmulator } from "../../../emulator";
import { REPO_ROOT, createPersona } from "./support";

const BIN = path.join(REPO_ROOT, "dist/cli/import/main.js");
// A distinctive key: the emulator's org accepts it (--api-key), so a successful run has it in play.
const KEY = "lyr_test_secretkey_7d41c0a9b8e2f356";

function run(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
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

  // The --stack path with a real CLI (Automation API, `pulumi config --show-secrets`) is not
  // exercised here: no pulumi CLI on these machines yet. This covers its failure without one.
  it("--stack without the pulumi CLI on PATH says what to install or set instead", async () => {
    const res = await run(["--project", emu.projectId, "--stack", "dev"], env({ LAYERS_API_KEY: "" }));
    assert.equal(res.code, 1);
    assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
    assert.match(res.stderr, /--stack needs the Pulumi CLI \(`pulumi`\) on PATH .* or export LAYERS_API_KEY and LAYERS_BASE_URL instead of --stack/);
  });
});
