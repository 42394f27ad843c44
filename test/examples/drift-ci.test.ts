import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { influencers, runProgram, REPO_ROOT } from "./support/mock-program";

const DIR = path.join(REPO_ROOT, "examples/drift-ci");
const PROJECT = "5f0c2d7e-9a41-4b6c-8e3f-1d2a3b4c5d6e";

/** Runs check-drift.sh with a fake `pulumi` that prints `output` and exits `code`. */
function checkDrift(code: number, output: string) {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  const argsFile = path.join(bin, "args");
  fs.writeFileSync(
    path.join(bin, "pulumi"),
    `#!/bin/sh\necho "$@" > "${argsFile}"\nprintf '%s\\n' '${output}'\nexit ${code}\n`,
    { mode: 0o755 },
  );
  const summary = path.join(bin, "summary.md");
  const res = spawnSync("bash", [path.join(DIR, "check-drift.sh"), "production"], {
    encoding: "utf8",
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary },
  });
  const args = fs.existsSync(argsFile) ? fs.readFileSync(argsFile, "utf8").trim() : "";
  const written = fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "";
  fs.rmSync(bin, { recursive: true, force: true });
  return { status: res.status, stdout: res.stdout, args, summary: written };
}

describe("examples/drift-ci", () => {
  it("the program declares one persona whose watched fields are inputs", async () => {
    const run = await runProgram(DIR, { project: "drift-ci", stack: "production", config: { "drift-ci:projectId": PROJECT } });
    const byName = influencers(run);
    assert.deepStrictEqual([...byName.keys()], ["spokesperson"]);
    const p = byName.get("spokesperson")!.inputs;
    assert.strictEqual(p.projectId, PROJECT);
    assert.strictEqual(p.style, "bold primary colours, tailored blazers");
    assert.strictEqual(p.name, "Iris Vega");
    assert.match(String(run.exports.influencerId), /^inf_/);
    assert.strictEqual(run.exports.style, p.style);
  });

  describe("check-drift.sh", function () {
    before(function () {
      if (process.platform === "win32") {
        console.log("    skipped: this test drives a POSIX shell script; not on Windows");
        this.skip();
      }
    });
    it("runs exactly preview --refresh --expect-no-changes --diff on the given stack", () => {
      const res = checkDrift(0, "Resources: 2 unchanged");
      assert.strictEqual(res.args, "preview --refresh --expect-no-changes --diff --non-interactive --stack production");
    });
    it("exit 0 from pulumi: no drift, exit 0, step summary written", () => {
      const res = checkDrift(0, "Resources: 2 unchanged");
      assert.strictEqual(res.status, 0);
      assert.match(res.summary, /no drift/);
    });
    it("exit 7 (newer CLIs): drift, exit 2", () => {
      const res = checkDrift(7, "~ layers:Influencer spokesperson update [diff: ~style]");
      assert.strictEqual(res.status, 2);
      assert.match(res.stdout, /DRIFT/);
    });
    it("exit 255 with the no-changes-expected message (older CLIs): drift, exit 2", () => {
      const res = checkDrift(255, "error: no changes were expected but changes were proposed");
      assert.strictEqual(res.status, 2);
    });
    it("any other failure: no verdict, exit 1", () => {
      const res = checkDrift(255, "error: Layers API key is not set");
      assert.strictEqual(res.status, 1);
      assert.match(res.stdout, /preview failed \(exit 255\)/);
      assert.doesNotMatch(res.stdout, /DRIFT/);
    });
  });

  it("the workflow runs the check on a schedule and on pull requests", () => {
    const wf = fs.readFileSync(path.join(DIR, "drift.yml"), "utf8");
    assert.match(wf, /^\s+schedule:\n\s+- cron: /m);
    assert.match(wf, /^\s+pull_request:/m);
    assert.match(wf, /check-drift\.sh production/);
  });
});
