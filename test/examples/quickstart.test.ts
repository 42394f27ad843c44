import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { influencers, runProgram, REPO_ROOT, INFLUENCER_TYPE } from "./support/mock-program";

const PROJECT = "7d8f9a10-1b2c-4d3e-8f90-a1b2c3d4e5f6";

describe("examples/quickstart (the root Pulumi.yaml program)", () => {
  it("the root Pulumi.yaml runs examples/quickstart with stack config under .layers/", () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8");
    assert.match(text, /^name: quickstart$/m);
    assert.match(text, /^main: examples\/quickstart\/index.ts$/m);
    assert.match(text, /^stackConfigDir: \.layers\/stacks$/m);
    assert.ok(fs.existsSync(path.join(REPO_ROOT, "examples/quickstart/index.ts")));
  });

  it("declares two personas in the configured project, with their persona fields", async () => {
    const run = await runProgram(path.join(REPO_ROOT, "examples/quickstart"), {
      project: "quickstart",
      stack: "dev",
      config: { "quickstart:projectId": PROJECT },
    });
    const byName = influencers(run);
    assert.deepStrictEqual([...byName.keys()].sort(), ["ava", "marcus"]);
    assert.strictEqual(run.resources.filter((r) => r.type === INFLUENCER_TYPE).length, 2);
    for (const r of byName.values()) {
      assert.strictEqual(r.inputs.projectId, PROJECT);
      assert.strictEqual(r.protect, false);
      assert.strictEqual(r.inputs.deleteReason, "Deleted by Pulumi stack quickstart/dev");
    }
    const ava = byName.get("ava")!.inputs;
    assert.strictEqual(ava.name, "Ava Chen");
    assert.strictEqual(ava.gender, "female");
    assert.deepStrictEqual((ava.personality as { traits: string[] }).traits, ["curious", "warm"]);
    assert.strictEqual(byName.get("marcus")!.inputs.name, "Marcus Reid");
  });

  it("exports one entry per persona with id, name, status and thumbnail", async () => {
    const run = await runProgram(path.join(REPO_ROOT, "examples/quickstart"), {
      project: "quickstart",
      stack: "dev",
      config: { "quickstart:projectId": PROJECT },
    });
    const personas = run.exports.personas as Array<Record<string, unknown>>;
    assert.strictEqual(personas.length, 2);
    assert.deepStrictEqual(personas.map((p) => p.name), ["Ava Chen", "Marcus Reid"]);
    for (const p of personas) {
      assert.match(String(p.influencerId), /^inf_/);
      assert.strictEqual(p.status, "ready");
      assert.match(String(p.thumbnailUrl), /^https:\/\//);
    }
    assert.strictEqual(run.exports.avaId, personas[0].influencerId);
    assert.strictEqual(run.exports.marcusId, personas[1].influencerId);
  });

  it("fails with Pulumi's missing-config error when quickstart:projectId is not set", async () => {
    await assert.rejects(
      runProgram(path.join(REPO_ROOT, "examples/quickstart"), { project: "quickstart", stack: "dev", config: {} }),
      /quickstart:projectId/,
    );
  });
});
