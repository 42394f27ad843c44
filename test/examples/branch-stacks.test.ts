import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { influencers, runProgram, REPO_ROOT } from "./support/mock-program";
import { personaName, stackForBranch } from "../../examples/branch-stacks/naming";

const DIR = path.join(REPO_ROOT, "examples/branch-stacks");
const PROJECT = "0b8e4a52-33f1-4c47-9d36-5e2a1f6c7d80";

function script(...args: string[]) {
  return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(DIR, "branch-stack.ts"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, PATH: path.dirname(process.execPath) }, // no pulumi, no git needed for these
  });
}

describe("examples/branch-stacks", () => {
  describe("stackForBranch", () => {
    it("maps main and master to production", () => {
      assert.strictEqual(stackForBranch("main"), "production");
      assert.strictEqual(stackForBranch("refs/heads/master"), "production");
    });
    it("turns any other branch into a valid stack name", () => {
      assert.strictEqual(stackForBranch("feature/New-Hero"), "feature-new-hero");
      assert.strictEqual(stackForBranch("fix//émoji 🎉 bug"), "fix-moji-bug");
      assert.strictEqual(stackForBranch("production"), "branch-production", "a branch cannot pose as production");
      assert.ok(stackForBranch("x".repeat(300)).length <= 90);
    });
    it("refuses a detached HEAD", () => {
      assert.throws(() => stackForBranch("HEAD"), /detached HEAD/);
    });
  });

  it("personaName keeps production names and tags every other stack", () => {
    assert.strictEqual(personaName("Nora Field", "production"), "Nora Field");
    assert.strictEqual(personaName("Nora Field", "feature-x"), "Nora Field (feature-x)");
    assert.ok(personaName("N".repeat(128), "s").length <= 128);
  });

  it("on the production stack: plain names, protect on every persona", async () => {
    const run = await runProgram(DIR, { project: "branch-stacks", stack: "production", config: { "branch-stacks:projectId": PROJECT } });
    const byName = influencers(run);
    assert.deepStrictEqual([...byName.keys()].sort(), ["host", "sidekick"]);
    assert.strictEqual(byName.get("host")!.inputs.name, "Nora Field");
    assert.strictEqual(byName.get("sidekick")!.inputs.name, "Theo Park");
    for (const r of byName.values()) {
      assert.strictEqual(r.protect, true, `${r.name} protected`);
      assert.strictEqual(r.inputs.projectId, PROJECT);
      assert.strictEqual(r.inputs.deleteReason, "Deleted by Pulumi stack branch-stacks/production");
    }
    assert.strictEqual(run.exports.protectedStack, true);
  });

  it("on a branch stack: names carry the stack, nothing protected, per-stack config applies", async () => {
    const run = await runProgram(DIR, {
      project: "branch-stacks",
      stack: "feature-new-hero",
      config: { "branch-stacks:projectId": PROJECT, "branch-stacks:hostStyle": "retro film grain" },
    });
    const byName = influencers(run);
    assert.strictEqual(byName.get("host")!.inputs.name, "Nora Field (feature-new-hero)");
    assert.strictEqual(byName.get("host")!.inputs.style, "retro film grain");
    assert.strictEqual(byName.get("sidekick")!.inputs.name, "Theo Park (feature-new-hero)");
    for (const r of byName.values()) {
      assert.strictEqual(r.protect, false);
      assert.strictEqual(r.inputs.deleteReason, "Branch stack feature-new-hero torn down");
    }
    assert.strictEqual(run.exports.stackName, "feature-new-hero");
    assert.strictEqual((run.exports.personas as unknown[]).length, 2);
  });

  it("branch-stack.ts prints a branch's stack name and refuses to tear down production", () => {
    const name = script("name", "feature/New-Hero");
    assert.strictEqual(name.status, 0, name.stderr);
    assert.strictEqual(name.stdout.trim(), "feature-new-hero");
    const teardown = script("teardown", "main");
    assert.strictEqual(teardown.status, 1);
    assert.match(teardown.stderr, /refusing to tear down production/);
    const usage = script("nonsense");
    assert.strictEqual(usage.status, 1);
    assert.match(usage.stderr, /usage: branch-stack\.ts/);
  });
});
