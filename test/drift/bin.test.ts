// The built `layers-drift` bin where no Pulumi engine is needed: usage, argument errors and a
// missing CLI all exit 1 with one line saying why, in every output it writes.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DRIFT_BIN } from "./support";

function drift(args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-drift-bin-"));
  const summary = path.join(dir, "summary.md");
  // A PATH with node but without any pulumi.
  const r = spawnSync(process.execPath, [DRIFT_BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: path.dirname(process.execPath), HOME: dir, GITHUB_STEP_SUMMARY: summary, LAYERS_API_KEY: "lyr_secret_key_for_test", ...env },
  });
  const markdown = fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "";
  fs.rmSync(dir, { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, markdown };
}

describe("layers-drift bin (no Pulumi CLI needed)", () => {
  before(function () {
    if (!fs.existsSync(DRIFT_BIN)) {
      console.log("    skipped: dist/cli/drift/main.js is missing; run npm run build (npm test does)");
      this.skip();
    }
  });

  it("--help prints the usage with the exit codes, exit 0", () => {
    const r = drift(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: layers-drift --stack NAME/);
    assert.match(r.stdout, /Exit codes: 0 no drift, 2 drift, 1 could not check/);
  });

  it("no --stack: exit 1, one line on stderr", () => {
    const r = drift([]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "layers-drift: could not check: --stack NAME is required (see --help)\n");
  });

  it("no pulumi on PATH: exit 1; the reason in the step summary, the JSON and the last stderr line; no key anywhere", () => {
    const r = drift(["--stack", "production", "--json"]);
    assert.equal(r.code, 1);
    const reason = "the Pulumi CLI (`pulumi`) is not on PATH: install it (https://www.pulumi.com/docs/install/) and run again";
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, stack: "production", status: "error", reason });
    assert.equal(r.stderr.trim().split("\n").pop(), `layers-drift: could not check: ${reason}`);
    assert.match(r.markdown, /^## ❌ Persona drift check failed for stack `production`/);
    for (const text of [r.stdout, r.stderr, r.markdown]) assert.ok(!text.includes("lyr_secret_key_for_test"));
  });
});
