// `npm start`'s whole flow with a stand-in `pulumi` (the real CLI cannot be installed here):
// the order of steps, the stack config it writes, the emulator serving while `up` runs,
// the printed personas, the failure advice, and that a second run keeps the project id.
// It runs a copy of dist/scripts in a scratch "repository" so the real .layers/ is untouched.
// Until emulator/ lands, a stub (fixtures/stub-emulator.js) stands in for it.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./support/mock-program";

interface Call {
  args: string[];
  backend: string;
  passphrase: string;
  cwd: string;
}

function run(root: string, bin: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "start.js")], {
      cwd: root,
      env: { PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}`, HOME: os.tmpdir(), FAKE_PULUMI_DIR: bin, ...extraEnv },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

function calls(bin: string): Call[] {
  const file = path.join(bin, "calls.jsonl");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call) : [];
}

describe("npm start flow (stand-in pulumi CLI)", function () {
  this.timeout(60_000);
  let root: string;
  let bin: string;

  before(function () {
    // The real emulator once it exists; until then a stub with the same startEmulator shape.
    const realEmulator = fs.existsSync(path.join(REPO_ROOT, "emulator", "index.ts"));
    for (const f of ["scripts/start.js", ...(realEmulator ? ["emulator/index.js"] : [])]) {
      if (!fs.existsSync(path.join(REPO_ROOT, "dist", f))) throw new Error(`dist/${f} is missing: run npm run build first`);
    }
    // A scratch repository: copies of Pulumi.yaml, package.json and dist/scripts; links to
    // the real dist/emulator and node_modules (pulumi-layers resolves through them).
    root = fs.mkdtempSync(path.join(os.tmpdir(), "layers-start-"));
    for (const f of ["Pulumi.yaml", "package.json"]) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(root, f));
    fs.mkdirSync(path.join(root, "dist"));
    fs.cpSync(path.join(REPO_ROOT, "dist", "scripts"), path.join(root, "dist", "scripts"), { recursive: true });
    if (realEmulator) {
      fs.symlinkSync(path.join(REPO_ROOT, "dist", "emulator"), path.join(root, "dist", "emulator"), "dir");
    } else {
      fs.mkdirSync(path.join(root, "dist", "emulator"));
      fs.copyFileSync(path.join(__dirname, "fixtures", "stub-emulator.js"), path.join(root, "dist", "emulator", "index.js"));
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    bin = fs.mkdtempSync(path.join(os.tmpdir(), "layers-fake-cli-"));
    const fake = path.join(bin, "pulumi");
    fs.writeFileSync(fake, `#!${process.execPath}\n${fs.readFileSync(path.join(__dirname, "fixtures", "fake-pulumi.js"), "utf8")}`, { mode: 0o755 });
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
    if (bin) fs.rmSync(bin, { recursive: true, force: true });
  });

  it("first run: stack, config, up against the running emulator, personas printed", async () => {
    const res = await run(root, bin);
    assert.strictEqual(res.code, 0, res.err + res.out);
    const seq = calls(bin).map((c) => c.args.slice(0, 2).join(" "));
    assert.deepStrictEqual(seq, ["stack select", "config set", "config set", "config get", "config set", "up --yes", "stack output"]);
    for (const c of calls(bin)) {
      assert.strictEqual(c.backend, `file://${path.join(root, ".layers", "state")}`);
      assert.strictEqual(c.passphrase, "pulumi-layers-local");
      assert.strictEqual(fs.realpathSync(c.cwd), fs.realpathSync(root));
    }
    const config = JSON.parse(fs.readFileSync(path.join(bin, "config.json"), "utf8")) as Record<string, string>;
    assert.match(config["layers:baseUrl"], /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(config["quickstart:projectId"]);
    const secretSet = calls(bin).find((c) => c.args.includes("layers:apiKey"))!;
    assert.ok(secretSet.args.includes("--secret"), "the API key is stored as a secret");
    assert.strictEqual(config["layers:apiKey"], "lyr_test_emulator", "the key reached the CLI (on stdin)");
    for (const c of calls(bin)) assert.ok(!c.args.some((a) => a.includes("lyr_test_emulator")), `the key is in no argument list (ps shows those): ${c.args.join(" ")}`);
    assert.match(res.out, /fake up: project lookup -> 200/, "the emulator answered while pulumi up ran");
    assert.match(res.out, /ID\s+NAME\s+STATUS\s+THUMBNAIL/);
    assert.match(res.out, /inf_01AAAAAAAAAAAAAAAAAAAAAAAA\s+Ava Chen\s+ready/);
    assert.match(res.out, /Ava Chen[\s\S]*\nDashboard \(portraits, status, fields, request log\): http:\/\/127\.0\.0\.1:\d+\/\n/, "dashboard URL after the personas");
    assert.ok(fs.existsSync(path.join(root, ".layers", "emulator.json")), "emulator data kept under .layers/");
  });

  it("second run: keeps the project id (so nothing is replaced) and succeeds again", async () => {
    const before = JSON.parse(fs.readFileSync(path.join(bin, "config.json"), "utf8"))["quickstart:projectId"];
    fs.rmSync(path.join(bin, "calls.jsonl"));
    const res = await run(root, bin);
    assert.strictEqual(res.code, 0, res.err + res.out);
    const setKeys = calls(bin).filter((c) => c.args[0] === "config" && c.args[1] === "set").map((c) => c.args.find((a) => a.includes(":")));
    assert.deepStrictEqual(setKeys, ["layers:baseUrl", "layers:apiKey"], "quickstart:projectId is not rewritten");
    const after = JSON.parse(fs.readFileSync(path.join(bin, "config.json"), "utf8"))["quickstart:projectId"];
    assert.strictEqual(after, before);
  });

  // The process exiting at all shows the emulator was closed: an open server keeps Node alive.
  it("a failed pulumi up: exit 1 with what to do, emulator stopped", async () => {
    const res = await run(root, bin, { FAKE_UP_EXIT: "1" });
    assert.strictEqual(res.code, 1);
    assert.match(res.err, /npm start: `pulumi up` failed \(exit 1\)/);
    assert.match(res.err, /What to do: .*run npm start again/);
    assert.doesNotMatch(res.err, /lyr_/, "no API key in the advice");
  });

  it("LAYERS_KEEP_RUNNING=1: the dashboard keeps serving after the run, until Ctrl-C", async () => {
    const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "start.js")], {
      cwd: root,
      env: { PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}`, HOME: os.tmpdir(), FAKE_PULUMI_DIR: bin, LAYERS_KEEP_RUNNING: "1" },
    });
    let out = "";
    const closed = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("press Ctrl-C")) resolve();
      });
      closed.then(() => reject(new Error(`exited early:\n${out}`)));
    });
    const url = /Dashboard [^:]*: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
    assert.ok(url, out);
    const page = await fetch(url);
    assert.strictEqual(page.status, 200);
    assert.match(await page.text(), /<title>Layers emulator<\/title>/);
    child.kill("SIGINT");
    assert.strictEqual(await closed, 0);
  });
});
