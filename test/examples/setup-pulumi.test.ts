// `npm run setup:pulumi` with a stand-in `go` (the real build takes minutes; CI runs the
// real one in .ci/run and the e2e suites use what it built). What is proven here: the last
// line is the directory, a failed or killed build leaves nothing a later run would take
// for a good one, and a `pulumi` on PATH wins.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PULUMI_VERSION } from "../../scripts/pulumi-toolchain";
import { REPO_ROOT } from "./support/mock-program";

const SCRIPT = path.join(REPO_ROOT, "dist", "scripts", "setup-pulumi.js");

/**
 * A `go` that "builds" by writing a shell script at `-o`: `pulumi version` prints
 * FAKE_VERSION. FAKE_GO_FAIL=compile fails the CLI's compile; FAKE_GO_HANG hangs there.
 */
const FAKE_GO = `#!/bin/sh
echo "$*" >> "$FAKE_GO_LOG"
if [ "$1" = "build" ]; then
  out=""; prev=""
  for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
  case "$out" in */pulumi)
    [ "$FAKE_GO_FAIL" = "compile" ] && { echo "pkg/cmd/pulumi/main.go:1: syntax error" >&2; exit 2; }
    [ -n "$FAKE_GO_HANG" ] && { touch "$FAKE_GO_HANG"; sleep 60; } ;;
  esac
  printf '#!/bin/sh\\necho %s\\n' "$FAKE_VERSION" > "$out"; chmod 755 "$out"
fi
exit 0
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("npm run setup:pulumi (with a stand-in go)", () => {
  let tmp: string;
  let fakeBin: string;
  let cache: string;
  let log: string;

  beforeEach(() => {
    if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-setup-"));
    fakeBin = path.join(tmp, "bin");
    fs.mkdirSync(fakeBin);
    fs.writeFileSync(path.join(fakeBin, "go"), FAKE_GO, { mode: 0o755 });
    // PATH holds this folder only: the stand-in go and the few tools it uses, so a real
    // pulumi or go installed on the machine cannot be found.
    for (const tool of ["chmod", "touch", "sleep"]) {
      const real = ["/usr/bin", "/bin"].map((d) => path.join(d, tool)).find((f) => fs.existsSync(f));
      if (real) fs.symlinkSync(real, path.join(fakeBin, tool));
    }
    cache = path.join(tmp, "cache");
    log = path.join(tmp, "go.log");
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => ({
    PATH: fakeBin,
    HOME: tmp,
    LAYERS_PULUMI_CACHE: cache,
    FAKE_GO_LOG: log,
    FAKE_VERSION: `v${PULUMI_VERSION}`,
    ...extra,
  });
  const setup = (extra: Record<string, string> = {}, onSpawn?: (pid: number) => void): Promise<Run> =>
    new Promise((resolve) => {
      // Its own process group, so that a test killing it takes the stand-in go's sleep too.
      const child = spawn(process.execPath, [SCRIPT], { cwd: REPO_ROOT, env: env(extra), detached: true });
      onSpawn?.(child.pid!);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  const finalDir = () => path.join(cache, `pulumi-v${PULUMI_VERSION}`, "bin");
  const leftovers = () => fs.readdirSync(path.join(cache, `pulumi-v${PULUMI_VERSION}`)).filter((n) => n !== "bin");

  it("builds the three files, verifies the version, prints the directory as its last line, then reuses it", async () => {
    const first = await setup();
    assert.strictEqual(first.code, 0, first.stderr);
    const lines = first.stdout.trim().split("\n");
    assert.strictEqual(lines[lines.length - 1], finalDir());
    for (const f of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
      fs.accessSync(path.join(finalDir(), f), fs.constants.X_OK);
    }
    assert.match(first.stderr, /10-25 minutes/, "says up front that the first build is long");
    assert.match(first.stderr, /compile the CLI/, "shows each step");
    const goCalls = fs.readFileSync(log, "utf8");
    assert.match(goCalls, new RegExp(`version.Version=v${PULUMI_VERSION.replace(/\./g, "\\.")}`), "stamps the version");
    assert.match(goCalls, /-trimpath -tags osusergo,grpcnotrace/);
    assert.deepStrictEqual(leftovers(), [], "no scratch left");

    fs.rmSync(log);
    const second = await setup();
    assert.strictEqual(second.code, 0);
    assert.strictEqual(second.stdout.trim(), finalDir());
    assert.ok(!fs.existsSync(log), "the second run did not call go");
  });

  it("a failed compile names the step and what to do, and leaves no toolchain behind", async () => {
    const res = await setup({ FAKE_GO_FAIL: "compile" });
    assert.strictEqual(res.code, 1);
    assert.match(res.stderr, /setup:pulumi: step "compile the CLI" failed/);
    assert.match(res.stderr, /syntax error/, "the compiler's own words");
    assert.match(res.stderr, /What to do: /);
    assert.ok(!fs.existsSync(finalDir()));
    assert.deepStrictEqual(leftovers(), []);
  });

  it("a CLI that prints another version is refused", async () => {
    const res = await setup({ FAKE_VERSION: "v0.0.1" });
    assert.strictEqual(res.code, 1);
    assert.match(res.stderr, /step "verify" failed: `pulumi version` printed "v0.0.1"/);
    assert.ok(!fs.existsSync(finalDir()));
  });

  it("a build killed midway is never mistaken for a good one; the next run cleans up and builds", async () => {
    const marker = path.join(tmp, "hanging");
    let pid = 0;
    const killed = setup({ FAKE_GO_HANG: marker }, (p) => (pid = p));
    while (!fs.existsSync(marker)) await new Promise((r) => setTimeout(r, 20));
    process.kill(-pid, "SIGKILL");
    await killed;
    assert.ok(!fs.existsSync(finalDir()), "no toolchain directory after the kill");
    assert.strictEqual(leftovers().length, 1, "the killed run's scratch directory");

    const next = await setup();
    assert.strictEqual(next.code, 0, next.stderr);
    assert.strictEqual(next.stdout.trim().split("\n").pop(), finalDir());
    assert.deepStrictEqual(leftovers(), [], "the abandoned scratch was removed");
  });

  it("a pulumi on PATH wins and nothing is built", async () => {
    fs.writeFileSync(path.join(fakeBin, "pulumi"), "#!/bin/sh\necho v3.0.0\n", { mode: 0o755 });
    const res = await setup();
    assert.strictEqual(res.code, 0);
    assert.strictEqual(res.stdout.trim(), fakeBin);
    assert.match(res.stderr, /Using the pulumi CLI on PATH/);
    assert.ok(!fs.existsSync(log), "go was not called");
  });
});
