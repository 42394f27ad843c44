// `npm start`'s whole flow with a stand-in `pulumi` (the real CLI cannot be installed here):
// the order of steps, the stack config it writes, the emulator serving while `up` runs,
// the printed personas, the failure advice, that a second run keeps the project id, and that
// what it prints can be opened: the same URLs on every run (one port, kept in state like
// Pulumi keeps the API's URLs), served while LAYERS_KEEP_RUNNING keeps the emulator up.
// It runs a copy of dist/scripts in a scratch "repository" so the real .layers/ is untouched.
// Until emulator/ lands, a stub (fixtures/stub-emulator.js) stands in for it.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./support/mock-program";

interface Call {
  args: string[];
  backend: string;
  passphrase: string;
  cwd: string;
}

/** A port nothing listens on now: npm start's fixed default (4010) could be in use on a shared machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const startEnv = (root: string, bin: string, extraEnv: Record<string, string>) => ({
  PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}`,
  HOME: os.tmpdir(),
  FAKE_PULUMI_DIR: bin,
  LAYERS_EMULATOR_PORT: String(port),
  ...extraEnv,
});
let port: number;

function run(root: string, bin: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "start.js")], { cwd: root, env: startEnv(root, bin, extraEnv) });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** npm start with LAYERS_KEEP_RUNNING=1, once it says it keeps serving; `stop` is its Ctrl-C. */
async function serve(root: string, bin: string, extraEnv: Record<string, string> = {}): Promise<{ out: string; stop: () => Promise<number> }> {
  const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "start.js")], { cwd: root, env: startEnv(root, bin, { LAYERS_KEEP_RUNNING: "1", ...extraEnv }) });
  let out = "";
  const closed = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("press Ctrl-C")) resolve();
    });
    closed.then(() => reject(new Error(`exited early:\n${out}`)));
  });
  return {
    out,
    stop: () => {
      child.kill("SIGINT");
      return closed;
    },
  };
}

/** The thumbnail URL printed for Ava, and the dashboard URL. */
function printedUrls(out: string): { thumbnail: string; dashboard: string } {
  const thumbnail = /Ava Chen\s+ready\s+(\S+)/.exec(out)?.[1];
  const dashboard = /\nDashboard \(portraits, status, fields, request log\): (\S+)\n/.exec(out)?.[1];
  assert.ok(thumbnail && dashboard, out);
  return { thumbnail, dashboard };
}

async function opens(url: string, type: RegExp): Promise<void> {
  const res = await fetch(url);
  assert.strictEqual(res.status, 200, url);
  assert.match(res.headers.get("content-type") ?? "", type, url);
}

function calls(bin: string): Call[] {
  const file = path.join(bin, "calls.jsonl");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call) : [];
}

describe("npm start flow (stand-in pulumi CLI)", function () {
  this.timeout(60_000);
  let root: string;
  let bin: string;

  let first: { thumbnail: string; dashboard: string };

  before(async function () {
    port = await freePort();
    // The real emulator once it exists; until then a stub with the same startEmulator shape.
    const realEmulator = fs.existsSync(path.join(REPO_ROOT, "emulator", "index.ts"));
    for (const f of ["scripts/start.js", ...(realEmulator ? ["emulator/index.js"] : [])]) {
      if (!fs.existsSync(path.join(REPO_ROOT, "dist", f))) throw new Error(`dist/${f} is missing: run npm run build first`);
    }
    // A scratch repository: copies of Pulumi.yaml, package.json and dist/scripts; links to
    // the real dist/emulator, dist/cli (the scripts run commands through it), dist/provider
    // (they find the user's cache directory through it) and node_modules (pulumi-layers
    // resolves through them).
    root = fs.mkdtempSync(path.join(os.tmpdir(), "layers-start-"));
    for (const f of ["Pulumi.yaml", "package.json"]) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(root, f));
    fs.mkdirSync(path.join(root, "dist"));
    fs.cpSync(path.join(REPO_ROOT, "dist", "scripts"), path.join(root, "dist", "scripts"), { recursive: true });
    for (const dir of ["cli", "provider"]) fs.symlinkSync(path.join(REPO_ROOT, "dist", dir), path.join(root, "dist", dir), "dir");
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
    assert.deepStrictEqual(seq, ["stack select", "config get", "config set", "config set", "config get", "config set", "up --yes", "stack output"]);
    for (const c of calls(bin)) {
      assert.strictEqual(c.backend, `file://${path.join(root, ".layers", "state")}`);
      assert.strictEqual(c.passphrase, "pulumi-layers-local");
      assert.strictEqual(fs.realpathSync(c.cwd), fs.realpathSync(root));
    }
    const config = JSON.parse(fs.readFileSync(path.join(bin, "config.json"), "utf8")) as Record<string, string>;
    assert.strictEqual(config["layers:baseUrl"], `http://127.0.0.1:${port}`, "the emulator on the chosen port");
    assert.ok(config["quickstart:projectId"]);
    const secretSet = calls(bin).find((c) => c.args.includes("layers:apiKey"))!;
    assert.ok(secretSet.args.includes("--secret"), "the API key is stored as a secret");
    assert.strictEqual(config["layers:apiKey"], "lyr_test_emulator", "the key reached the CLI (on stdin)");
    for (const c of calls(bin)) assert.ok(!c.args.some((a) => a.includes("lyr_test_emulator")), `the key is in no argument list (ps shows those): ${c.args.join(" ")}`);
    assert.match(res.out, /fake up: project lookup -> 200/, "the emulator answered while pulumi up ran");
    assert.match(res.out, /ID\s+NAME\s+STATUS\s+THUMBNAIL/);
    assert.match(res.out, /inf_\w{26}\s+Ava Chen\s+ready\s+http:\/\/127\.0\.0\.1:\d+\/media\/influencers\/inf_\w{26}\/thumbnail\.svg\n/);
    assert.match(res.out, /Ava Chen[\s\S]*\nDashboard \(portraits, status, fields, request log\): http:\/\/127\.0\.0\.1:\d+\/\n/, "dashboard URL after the personas");
    first = printedUrls(res.out);
    assert.strictEqual(new URL(first.thumbnail).port, String(port));
    assert.strictEqual(first.dashboard, `http://127.0.0.1:${port}/`);
    assert.match(res.out, /these URLs stay the same\. The emulator stops now, so they answer only while it runs: `LAYERS_KEEP_RUNNING=1 npm start` keeps it serving/);
    assert.ok(res.out.includes(`\`npm run emulator -- --data .layers/emulator.json --port ${port}\` serves this data`), "how to serve the data on its own, on the same port");
    assert.ok(fs.existsSync(path.join(root, ".layers", "emulator.json")), "emulator data kept under .layers/");
  });

  it("second run: keeps the project id (so nothing is replaced) and succeeds again", async () => {
    const before = JSON.parse(fs.readFileSync(path.join(bin, "config.json"), "utf8"))["quickstart:projectId"];
    fs.rmSync(path.join(bin, "calls.jsonl"), { force: true });
    const res = await run(root, bin);
    assert.strictEqual(res.code, 0, res.err + res.out);
    const setKeys = calls(bin).filter((c) => c.args[0] === "config" && c.args[1] === "set").map((c) => c.args.find((a) => a.includes(":")));
    assert.deepStrictEqual(setKeys, ["layers:baseUrl", "layers:apiKey"], "quickstart:projectId is not rewritten");
    const after = JSON.parse(fs.readFileSync(path.join(bin, "config.json"), "utf8"))["quickstart:projectId"];
    assert.strictEqual(after, before);
    assert.ok(!calls(bin).some((c) => c.args[0] === "refresh"), "same address: nothing to refresh");
    assert.deepStrictEqual(printedUrls(res.out), first, "the URLs of the first run, still valid");
  });

  it("LAYERS_KEEP_RUNNING=1: the thumbnail and dashboard URLs printed by the first run open, until Ctrl-C", async () => {
    const served = await serve(root, bin);
    try {
      assert.deepStrictEqual(printedUrls(served.out), first);
      await opens(first.thumbnail, /^image\/svg\+xml/);
      const page = await fetch(first.dashboard);
      assert.strictEqual(page.status, 200);
      assert.match(await page.text(), /<title>Layers emulator<\/title>/);
    } finally {
      assert.strictEqual(await served.stop(), 0);
    }
    await assert.rejects(fetch(first.dashboard), "stopped by Ctrl-C");
  });

  it("the port in use (another npm start still serving): exit 1 saying so, no pulumi command run", async () => {
    const served = await serve(root, bin);
    fs.rmSync(path.join(bin, "calls.jsonl"), { force: true });
    try {
      const res = await run(root, bin);
      assert.strictEqual(res.code, 1, res.out);
      assert.match(res.err, new RegExp(`npm start: port ${port} on 127\\.0\\.0\\.1 is in use`));
      assert.match(res.err, /What to do: stop it .* or choose another port with LAYERS_EMULATOR_PORT=<port> npm start/);
      assert.deepStrictEqual(calls(bin), []);
    } finally {
      assert.strictEqual(await served.stop(), 0);
    }
  });

  it("another port (LAYERS_EMULATOR_PORT): the stack is refreshed first, so the printed URLs follow and open", async () => {
    const other = await freePort();
    fs.rmSync(path.join(bin, "calls.jsonl"), { force: true });
    const served = await serve(root, bin, { LAYERS_EMULATOR_PORT: String(other) });
    try {
      const seq = calls(bin).map((c) => c.args.slice(0, 3).join(" "));
      assert.ok(seq.indexOf("refresh --run-program --yes") > seq.indexOf("config set layers:baseUrl"), seq.join(", "));
      assert.ok(seq.indexOf("refresh --run-program --yes") < seq.indexOf("up --yes --stack"), seq.join(", "));
      const urls = printedUrls(served.out);
      assert.strictEqual(urls.thumbnail, first.thumbnail.replace(`:${port}/`, `:${other}/`));
      await opens(urls.thumbnail, /^image\/svg\+xml/);
    } finally {
      assert.strictEqual(await served.stop(), 0);
    }
  });

  it("LAYERS_EMULATOR_PORT that is not a port: exit 1 before anything starts", async () => {
    const res = await run(root, bin, { LAYERS_EMULATOR_PORT: "http://x" });
    assert.strictEqual(res.code, 1);
    assert.match(res.err, /npm start: LAYERS_EMULATOR_PORT is "http:\/\/x", not a port number/);
  });

  // The process exiting at all shows the emulator was closed: an open server keeps Node alive.
  it("a failed pulumi up: exit 1 with what to do, emulator stopped", async () => {
    const res = await run(root, bin, { FAKE_UP_EXIT: "1" });
    assert.strictEqual(res.code, 1);
    assert.match(res.err, /npm start: `pulumi up` failed \(exit 1\)/);
    assert.match(res.err, /What to do: .*run npm start again/);
    assert.doesNotMatch(res.err, /lyr_/, "no API key in the advice");
  });
});
