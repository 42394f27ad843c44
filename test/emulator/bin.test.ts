// The `layers-emulator` bin, built and spawned for real: the listening line, the key and
// default project lines, clean SIGTERM/SIGINT, a clear non-zero exit on a corrupt --data
// file, and that SIGKILL during a stream of writes never leaves a torn data file.
import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, promises as fs, statSync, readdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { loadState } from "../../emulator/persistence";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "dist/emulator/bin.js");

/** Builds with tsc when dist/emulator is older than emulator/ (type errors elsewhere do not stop emit). */
function ensureBuilt(): void {
  const newest = Math.max(...readdirSync(path.join(ROOT, "emulator"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => statSync(path.join(ROOT, "emulator", f)).mtimeMs));
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newest) return;
  spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ROOT, stdio: "ignore" });
  assert.ok(existsSync(BIN), "tsc did not produce dist/emulator/bin.js");
}

interface Running {
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
}

/** Spawns the bin and resolves once it printed its first `count` lines (or exited). */
async function run(args: string[], count = 3): Promise<Running> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const rl = readline.createInterface({ input: child.stdout! });
  await new Promise<void>((resolve) => {
    rl.on("line", (l) => {
      lines.push(l);
      if (lines.length === count) resolve();
    });
    exit.then(() => resolve());
  });
  return { child, lines, exit };
}

const stderrOf = (child: ChildProcess) => {
  let text = "";
  child.stderr!.on("data", (d) => (text += d));
  return () => text;
};

describe("emulator: the layers-emulator bin", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => ensureBuilt());
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "layers-bin-"));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it("prints the listening line first, then the key and default project, serves, and stops cleanly on SIGTERM", async () => {
    const r = await run(["--port", "0", "--job-ms", "50"]);
    try {
      const m = /^Layers emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(r.lines[0]);
      assert.ok(m, `first line: ${r.lines[0]}`);
      assert.notEqual(m[2], "0");
      assert.equal(r.lines[1], "API key: lyr_test_emulator");
      const projectId = /^Default project: ([0-9a-f-]{36})$/.exec(r.lines[2])?.[1];
      assert.ok(projectId, r.lines[2]);
      const res = await fetch(`${m[1]}/v1/projects/${projectId}`, { headers: { authorization: "Bearer lyr_test_emulator" } });
      assert.equal(res.status, 200);
    } finally {
      r.child.kill("SIGTERM");
    }
    assert.equal(await r.exit, 0);
  });

  it("honours --api-key and --data, and SIGINT also stops it with exit 0", async () => {
    const file = path.join(dir, "emu.json");
    const r = await run(["--port=0", "--api-key", "lyr_test_custom_key", "--data", file]);
    assert.equal(r.lines[1], "API key: lyr_test_custom_key");
    r.child.kill("SIGINT");
    assert.equal(await r.exit, 0);
    const state = await loadState(file);
    assert.equal(state?.defaultProjectId, /Default project: (\S+)/.exec(r.lines[2])?.[1]);
    assert.ok(!(await fs.readFile(file, "utf8")).includes("lyr_test_custom_key"));
  });

  it("exits non-zero with a clear message on a corrupt data file, and on a bad flag", async () => {
    const file = path.join(dir, "broken.json");
    await fs.writeFile(file, '{"format":"layers-emulator-state","version":1,"orgs":[');
    const r = spawnSync(process.execPath, [BIN, "--port", "0", "--data", file], { encoding: "utf8", timeout: 20_000 });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /data file .*broken\.json is not usable: it is not valid JSON/);
    const flag = spawnSync(process.execPath, [BIN, "--port", "many"], { encoding: "utf8", timeout: 20_000 });
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /--port needs a number/);
  });

  it("SIGKILL in the middle of a stream of writes never leaves a torn data file", async () => {
    const file = path.join(dir, "kill.json");
    let lastCount = 0;
    for (let round = 0; round < 4; round++) {
      const r = await run(["--port", "0", "--data", file, "--job-ms", "20"]);
      const err = stderrOf(r.child);
      const url = r.lines[0].replace("Layers emulator listening on ", "");
      const projectId = r.lines[2].replace("Default project: ", "");
      let stop = false;
      const accepted: string[] = [];
      const writers = Array.from({ length: 4 }, async () => {
        while (!stop) {
          await fetch(`${url}/v1/projects/${projectId}/influencers`, {
            method: "POST",
            headers: { authorization: "Bearer lyr_test_emulator", "content-type": "application/json" },
            body: JSON.stringify({ prompt: "x".repeat(50) }),
          }).then(
            async (res) => {
              const body = (await res.json().catch(() => null)) as { influencerId?: string } | null;
              if (res.status === 202 && body?.influencerId) accepted.push(body.influencerId);
            },
            () => (stop = true),
          );
        }
      });
      // Let a few dozen writes land, then kill without warning.
      for (let i = 0; i < 100; i++) {
        const s = (await fetch(`${url}/_emulator/state`).then((x) => x.json(), () => null)) as { influencers: unknown[] } | null;
        if (s && s.influencers.length >= lastCount + 20) break;
      }
      r.child.kill("SIGKILL");
      await r.exit;
      stop = true;
      await Promise.all(writers);
      const state = await loadState(file);
      assert.ok(state, `round ${round}: data file missing ${err()}`);
      const stored = new Set(state.influencers.map((i) => i.influencerId));
      assert.deepEqual(accepted.filter((id) => !stored.has(id)), [], "every write answered 202 is in the file");
      assert.ok(state.influencers.length >= lastCount);
      lastCount = state.influencers.length;
    }
    assert.ok(lastCount > 0);
  });
});
