import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { influencers, runProgram, REPO_ROOT } from "./support/mock-program";

const DIR = path.join(REPO_ROOT, "examples/drift-ci");
const PROJECT = "5f0c2d7e-9a41-4b6c-8e3f-1d2a3b4c5d6e";

/** Runs check-drift.sh with a fake `npx` that records its arguments and exits `code`. */
function checkDrift(code: number, args: string[] = ["production"]) {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-npx-"));
  const argsFile = path.join(bin, "args");
  fs.writeFileSync(path.join(bin, "npx"), `#!/bin/sh\necho "$PWD" > "${argsFile}"\necho "$@" >> "${argsFile}"\nexit ${code}\n`, { mode: 0o755 });
  const res = spawnSync("bash", [path.join(DIR, "check-drift.sh"), ...args], {
    encoding: "utf8",
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` },
  });
  const [cwd, argv] = fs.existsSync(argsFile) ? fs.readFileSync(argsFile, "utf8").trim().split("\n") : ["", ""];
  fs.rmSync(bin, { recursive: true, force: true });
  return { status: res.status, stderr: res.stderr, cwd, argv };
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
    it("runs layers-drift on the given stack in the example's directory, passing extra flags on", () => {
      const res = checkDrift(0, ["production", "--json"]);
      assert.strictEqual(res.argv, "--no-install layers-drift --stack production --cwd . --json");
      assert.strictEqual(fs.realpathSync(res.cwd), fs.realpathSync(DIR));
    });
    it("exits with layers-drift's code: 0 no drift, 2 drift, 1 could not check", () => {
      for (const code of [0, 2, 1]) assert.strictEqual(checkDrift(code).status, code);
    });
    it("without a stack: usage on stderr, exit 1, nothing run", () => {
      const res = checkDrift(0, []);
      assert.strictEqual(res.status, 1);
      assert.match(res.stderr, /usage: \.\/check-drift\.sh STACK/);
      assert.strictEqual(res.argv, "");
    });
  });

  it("the workflow runs the check on a schedule and on pull requests", () => {
    const wf = fs.readFileSync(path.join(DIR, "drift.yml"), "utf8");
    assert.match(wf, /^\s+schedule:\n\s+- cron: /m);
    assert.match(wf, /^\s+pull_request:/m);
    assert.match(wf, /check-drift\.sh production --json > drift\.json/);
    assert.match(wf, /LAYERS_API_KEY: \$\{\{ secrets\.LAYERS_API_KEY \}\}/);
  });
});
