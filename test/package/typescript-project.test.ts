// A Pulumi TypeScript team's first day with the package: a project with the tsconfig
// `pulumi new typescript` writes (strict; no skipLibCheck, no esModuleInterop), the packed
// package installed from its tarball, and `tsc --noEmit` as their CI runs it. The public
// types must compile there with no error, say what is wrong in a few lines, and complete.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { planImport } from "../../cli/import/plan";
import { renderProgram } from "../../cli/import/render";
import type { InfluencerRecord } from "../../provider/client";
import { scratchProgram } from "../support/packed";

/** The tsconfig.json of Pulumi's `typescript` template. */
const PULUMI_NEW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const projectId = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
const photo = new layers.Media("photo", { projectId, file: "ava.png", contentType: "image/png" });
const args: layers.InfluencerArgs = {
  projectId,
  name: "Ava Chen",
  gender: "non_binary",
  ageRange: "young_adult",
  style: pulumi.output("street"),
  personality: { traits: ["curious", pulumi.output("warm")], tone: "conversational" },
  referenceImageAssetIds: [photo.assetId],
  jobTimeoutSeconds: 600,
};
const ava = new layers.Influencer("ava", args);
const band = new layers.Influencer("band", { projectId, ageRange: "25-34" });
const seen = layers.Influencer.get("seen", "inf_01HX0000000000000000000000", { projectId }, { protect: true });

// status is a union: narrowing on a member compiles, a misspelt one would not.
export const ready = ava.status.apply((s: layers.InfluencerStatus) => s === "ready");
export const names = pulumi.all([ava.name, band.name, seen.thumbnailUrl]).apply(([a, b, t]) => [a ?? "", b ?? "", t ?? ""]);
export const hash: pulumi.Output<string | null> = photo.sha256;

const all = layers.getInfluencersOutput({ projectId, status: "ready" }, { dependsOn: [ava] });
export const count = all.influencers.apply((list: layers.InfluencerSummary[]) => list.length);
export const one = layers.getInfluencerOutput({ influencerId: ava.influencerId }).apply((r: layers.GetInfluencerResult) => r.status);
export async function lookUp(): Promise<string> {
  const result = await layers.getInfluencers({ projectId }, { async: true });
  const state: layers.InfluencerState = { projectId, status: "ready" };
  return result.influencers.map((i) => i.influencerId).join(",") + String(state.status);
}
`;

const MISSING_PROJECT = `import * as layers from "pulumi-layers";
new layers.Influencer("x", { name: "no project" });
`;

function tsc(dir: string): { code: number | null; out: string } {
  const run = spawnSync(path.join(dir, "node_modules", ".bin", "tsc"), ["--noEmit", "--pretty", "false"], { cwd: dir, encoding: "utf8" });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

function write(dir: string, index: string): void {
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG, null, 2));
  fs.writeFileSync(path.join(dir, "index.ts"), index);
}

const record = (over: Partial<InfluencerRecord>): InfluencerRecord => ({
  influencerId: "inf_01HX0000000000000000000001", projectId: "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39", name: "Ava Chen",
  gender: "nonbinary", ageRange: "25-34", ethnicity: null, bodyType: null, hairColor: "black", hairStyle: null, style: "street",
  vibe: null, voiceDescription: null, brandVoice: null, language: "en", personality: { traits: ["curious"], tone: "warm" },
  referenceImages: [], thumbnailUrl: null, status: "ready", createdAt: "2026-12-01T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z",
  ...over,
});

describe("a Pulumi TypeScript project using the packed package", function () {
  this.timeout(240_000);
  let dir: string;

  before(() => {
    dir = scratchProgram("tsc", ["typescript@^5", "@types/node@^20"]);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("type-checks with `tsc --noEmit` under `pulumi new typescript`'s tsconfig: 0 errors", () => {
    write(dir, PROGRAM);
    const { code, out } = tsc(dir);
    assert.equal(out.trim(), "", "tsc printed errors");
    assert.equal(code, 0);
  });

  it("a missing projectId is one short error naming InfluencerArgs and the field", () => {
    write(dir, MISSING_PROJECT);
    const { code, out } = tsc(dir);
    assert.notEqual(code, 0);
    const errors = out.trim().split("\n").filter((l) => /error TS/.test(l));
    assert.equal(errors.length, 1, out);
    assert.match(errors[0], /InfluencerArgs/);
    assert.match(out, /Property 'projectId' is missing/);
    assert.ok(out.length < 400, `the message is ${out.length} characters:\n${out}`);
  });

  it("a misspelt enum value is refused, naming the enum and the nearest value", () => {
    write(dir, `import * as layers from "pulumi-layers";\nnew layers.Influencer("x", { projectId: "p", gender: "nonbinery" });\n`);
    const { code, out } = tsc(dir);
    assert.notEqual(code, 0);
    assert.match(out, /Gender/);
    assert.match(out, /Did you mean '"nonbinary"'/);
  });

  it("the program layers-import writes compiles as it is", () => {
    const plan = planImport("254a4ce1-f4ca-42b1-9e36-17ca45ef3d39", {
      records: [record({}), record({ influencerId: "inf_01HX0000000000000000000002", name: "Marcus", gender: "male", ageRange: "adult", personality: null })],
      notReady: [],
    });
    write(dir, renderProgram(plan));
    const { code, out } = tsc(dir);
    assert.equal(out.trim(), "", "tsc printed errors");
    assert.equal(code, 0);
  });
});
