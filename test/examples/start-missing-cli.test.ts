// `npm start` without the Pulumi CLI and without Go to build it: one line, exit 1, nothing started.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./support/mock-program";

const SCRIPT = path.join(REPO_ROOT, "dist", "scripts", "start.js");

describe("npm start without the pulumi CLI or Go", () => {
  it("prints one line saying how to install it and exits 1 before starting anything", function () {
    if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build first`);
    // PATH holds node's own directory only, so `pulumi` cannot be found (unless it sits next to node).
    const nodeDir = path.dirname(process.execPath);
    if (fs.existsSync(path.join(nodeDir, "pulumi"))) {
      console.log(`    skipped: a pulumi CLI sits next to node in ${nodeDir}, so PATH cannot be made to lack it`);
      this.skip();
    }
    if (fs.existsSync(path.join(nodeDir, "go"))) {
      console.log(`    skipped: go sits next to node in ${nodeDir}, so npm start would build the CLI`);
      this.skip();
    }
    // An empty cache folder: the pinned CLI built by setup:pulumi must not be found either.
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "layers-no-cli-"));
    let res;
    try {
      res = spawnSync(process.execPath, [SCRIPT], {
        cwd: REPO_ROOT,
        env: { PATH: nodeDir, HOME: process.env.HOME, LAYERS_PULUMI_CACHE: cache },
        encoding: "utf8",
        timeout: 20000,
      });
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
    assert.strictEqual(res.status, 1, `exit code, stderr: ${res.stderr}`);
    assert.strictEqual(res.stdout, "", "nothing on stdout (no emulator, no stack)");
    const lines = res.stderr.split("\n").filter((l) => l.trim() !== "");
    assert.strictEqual(lines.length, 1, `exactly one line, got:\n${res.stderr}`);
    assert.match(lines[0], /Pulumi CLI \(`pulumi`\) is not on your PATH, and Go is not installed/);
    assert.ok(lines[0].includes("curl -fsSL https://get.pulumi.com | sh"));
  });
});
