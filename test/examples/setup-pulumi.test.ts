// `npm run setup:pulumi` with a stand-in `go` (the real build takes minutes; CI runs the
// real one in .ci/run and the e2e suites use what it built). What is proven here: the last
// line is the directory, a failed or killed build leaves nothing a later run would take
// for a good one, a cache of the three older files gains the YAML host without a CLI
// rebuild, and a `pulumi` on PATH wins (with the pinned YAML host when it has none).
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NODEJS_TOOLCHAIN_FILES, PULUMI_VERSION, TOOLCHAIN_FILES, YAML_HOST_VERSION } from "../../scripts/pulumi-toolchain";
import { REPO_ROOT } from "./support/mock-program";

const SCRIPT = path.join(REPO_ROOT, "dist", "scripts", "setup-pulumi.js");

/**
 * A `go` that "builds" by writing a shell script at `-o`: `pulumi version` prints
 * FAKE_VERSION, and `go version -m` answers with the package built and the module (with its
 * version) that the pinned go.mod of the build's directory requires first, as the real build
 * info would. FAKE_GO_FAIL=compile fails the CLI's compile, FAKE_GO_FAIL=yaml the YAML
 * host's; FAKE_YAML_MOD replaces the YAML host's module; FAKE_GO_HANG hangs in the CLI's
 * compile. Each call is logged as "<module dir>: <args> [GOFLAGS=…]".
 */
const FAKE_GO = `#!/bin/sh
echo "\${PWD##*/}: $* [GOFLAGS=$GOFLAGS]" >> "$FAKE_GO_LOG"
if [ "$1" = "version" ]; then
  [ -f "$3" ] || exit 1
  while IFS= read -r line; do
    case "$line" in "# buildinfo "*) printf '\\t%s\\n' "\${line#"# buildinfo "}" ;; esac
  done < "$3"
  exit 0
fi
if [ "$1" = "build" ]; then
  out=""; prev=""; pkg=""
  for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; pkg="$a"; done
  mod=""
  while read -r k m v rest; do [ "$k" = "require" ] && [ -z "$mod" ] && mod="$m $v"; done < go.mod
  case "$out" in
    */pulumi)
      [ "$FAKE_GO_FAIL" = "compile" ] && { echo "pkg/cmd/pulumi/main.go:1: syntax error" >&2; exit 2; }
      [ -n "$FAKE_GO_HANG" ] && { touch "$FAKE_GO_HANG"; sleep 60; } ;;
    */pulumi-language-yaml)
      [ "$FAKE_GO_FAIL" = "yaml" ] && { echo "pulumi-yaml/pkg/pulumiyaml/run.go:1: undefined: x" >&2; exit 1; }
      [ -n "$FAKE_YAML_MOD" ] && mod="$FAKE_YAML_MOD" ;;
  esac
  printf '#!/bin/sh\\n# buildinfo path %s\\n# buildinfo mod %s\\necho %s\\n' "$pkg" "$mod" "$FAKE_VERSION" > "$out"; chmod 755 "$out"
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

  const lastLine = (out: string) => out.trim().split("\n").pop();
  const goCalls = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "");
  /** A cache as an earlier release of setup:pulumi left it: the three files, no YAML host. */
  const olderCache = () => {
    fs.mkdirSync(finalDir(), { recursive: true });
    for (const f of NODEJS_TOOLCHAIN_FILES) fs.writeFileSync(path.join(finalDir(), f), `#!/bin/sh\necho v${PULUMI_VERSION} # ${f}, built earlier\n`, { mode: 0o755 });
  };
  const snapshot = (dir: string) =>
    Object.fromEntries(fs.readdirSync(dir).map((f) => [f, `${fs.statSync(path.join(dir, f)).ino}:${fs.readFileSync(path.join(dir, f), "utf8")}`]));

  it("builds the four files, verifies them, prints the directory as its last line, then reuses it", async () => {
    const first = await setup();
    assert.strictEqual(first.code, 0, first.stderr);
    assert.strictEqual(lastLine(first.stdout), finalDir());
    assert.deepStrictEqual(fs.readdirSync(finalDir()).sort(), [...TOOLCHAIN_FILES].sort());
    for (const f of TOOLCHAIN_FILES) fs.accessSync(path.join(finalDir(), f), fs.constants.X_OK);
    assert.match(first.stderr, /10-25 minutes/, "says up front that the first build is long");
    assert.match(first.stderr, /compile the CLI/, "shows each step");
    assert.match(first.stderr, /compile the YAML language host/);
    const calls = goCalls();
    assert.match(calls, new RegExp(`version.Version=v${PULUMI_VERSION.replace(/\./g, "\\.")}`), "stamps the version");
    assert.match(calls, /-trimpath -tags osusergo,grpcnotrace/);
    // The YAML host: from its own pinned module, release flags, its version stamped, no go.mod edits.
    const yamlBuild = calls.split("\n").find((l) => l.startsWith("yaml: build "));
    assert.ok(yamlBuild, calls);
    assert.match(yamlBuild, /-trimpath -tags osusergo,grpcnotrace/);
    assert.match(yamlBuild, new RegExp(`-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v${YAML_HOST_VERSION.replace(/\./g, "\\.")} `));
    assert.match(yamlBuild, /github.com\/pulumi\/pulumi-yaml\/cmd\/pulumi-language-yaml \[GOFLAGS=-mod=readonly\]$/);
    assert.match(calls, /version -m .*\/pulumi-language-yaml/, "the YAML host's build info was checked");
    assert.deepStrictEqual(leftovers(), [], "no scratch left");

    fs.rmSync(log);
    const second = await setup();
    assert.strictEqual(second.code, 0);
    assert.strictEqual(second.stdout.trim(), finalDir());
    assert.ok(!fs.existsSync(log), "the second run did not call go");
  });

  it("a cache holding only the three older files gains the YAML host; the CLI is not rebuilt", async () => {
    olderCache();
    const before = snapshot(finalDir());
    const res = await setup();
    assert.strictEqual(res.code, 0, res.stderr);
    assert.strictEqual(lastLine(res.stdout), finalDir());
    assert.match(res.stderr, /Adding pulumi-language-yaml/);
    assert.doesNotMatch(res.stderr, /10-25 minutes/);
    fs.accessSync(path.join(finalDir(), "pulumi-language-yaml"), fs.constants.X_OK);
    const after = snapshot(finalDir());
    for (const f of NODEJS_TOOLCHAIN_FILES) assert.strictEqual(after[f], before[f], `${f} untouched`);
    const modules = new Set(goCalls().trim().split("\n").map((l) => l.split(":")[0]));
    assert.ok(!modules.has("cli") && !modules.has("langhost"), `only the YAML host's module was built: ${[...modules]}`);
    assert.deepStrictEqual(leftovers(), []);
  });

  it("a failed YAML host build names the step and leaves nothing: the older files stay, no fourth file", async () => {
    olderCache();
    const before = snapshot(finalDir());
    const res = await setup({ FAKE_GO_FAIL: "yaml" });
    assert.strictEqual(res.code, 1);
    assert.match(res.stderr, /setup:pulumi: step "compile the YAML language host" failed/);
    assert.match(res.stderr, /undefined: x/, "the compiler's own words");
    assert.strictEqual(res.stdout, "", "no directory printed");
    assert.deepStrictEqual(snapshot(finalDir()), before);
    assert.deepStrictEqual(leftovers(), []);
  });

  it("on a fresh cache a failed YAML host build installs nothing, not even the CLI that did build", async () => {
    const res = await setup({ FAKE_GO_FAIL: "yaml" });
    assert.strictEqual(res.code, 1);
    assert.match(goCalls(), /^cli: build /m, "the CLI was compiled first");
    assert.ok(!fs.existsSync(finalDir()));
    assert.deepStrictEqual(leftovers(), []);
  });

  it("a YAML host whose build info names other sources is refused", async () => {
    olderCache();
    const res = await setup({ FAKE_YAML_MOD: "github.com/pulumi/pulumi-yaml v1.11.1" });
    assert.strictEqual(res.code, 1);
    assert.match(res.stderr, /step "verify the YAML language host" failed: `go version -m` does not show .* v1\.25\.0/);
    assert.match(res.stderr, /v1\.11\.1/, "shows what it found");
    assert.ok(!fs.existsSync(path.join(finalDir(), "pulumi-language-yaml")));
    assert.deepStrictEqual(leftovers(), []);
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
    assert.strictEqual(lastLine(next.stdout), finalDir());
    assert.deepStrictEqual(leftovers(), [], "the abandoned scratch was removed");
  });

  describe("a pulumi on PATH", () => {
    const pathCli = () => fs.writeFileSync(path.join(fakeBin, "pulumi"), "#!/bin/sh\necho v3.0.0\n", { mode: 0o755 });

    it("wins, and with a YAML host beside it nothing is built", async () => {
      pathCli();
      fs.writeFileSync(path.join(fakeBin, "pulumi-language-yaml"), "#!/bin/sh\n", { mode: 0o755 });
      const res = await setup();
      assert.strictEqual(res.code, 0);
      assert.strictEqual(res.stdout.trim(), fakeBin);
      assert.match(res.stderr, /Using the pulumi CLI on PATH/);
      assert.ok(!fs.existsSync(log), "go was not called");
    });

    it("without a YAML host beside it: only the pinned YAML host is built, and the output says where it is", async () => {
      pathCli();
      const res = await setup();
      assert.strictEqual(res.code, 0, res.stderr);
      assert.strictEqual(lastLine(res.stdout), fakeBin, "the CLI's directory stays the last line");
      assert.deepStrictEqual(fs.readdirSync(finalDir()), ["pulumi-language-yaml"]);
      assert.match(res.stderr, new RegExp(`YAML programs use the pinned one in ${finalDir()}: put that directory on PATH after ${fakeBin}`));
      assert.doesNotMatch(goCalls(), /^(cli|langhost):/m, "the CLI was not built");

      fs.rmSync(log);
      const again = await setup();
      assert.strictEqual(lastLine(again.stdout), fakeBin);
      assert.ok(!fs.existsSync(log), "the second run did not call go");
    });

    it("without a YAML host beside it and without Go: a warning, the directory, exit 0", async () => {
      pathCli();
      fs.rmSync(path.join(fakeBin, "go"));
      const res = await setup();
      assert.strictEqual(res.code, 0);
      assert.strictEqual(res.stdout.trim(), fakeBin);
      assert.match(res.stderr, /warning: there is no pulumi-language-yaml beside it and Go is not installed/);
      assert.ok(!fs.existsSync(cache));
    });
  });
});
