// examples/persona-workflow under Pulumi's mocks, its look-ups against the emulator: the
// photo from a file, the persona binding it, the B variant cloned from it, the project's
// own persona adopted (and kept on destroy), and briefs in turn over the ready personas.
import * as assert from "assert";
import { promises as fs } from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { dashboard } from "../provider/support";
import { assignInTurn, oldest } from "../../examples/persona-workflow/briefs";
import { influencers, runProgram, MEDIA_TYPE, REPO_ROOT } from "./support/mock-program";

const DIR = path.join(REPO_ROOT, "examples/persona-workflow");

describe("examples/persona-workflow", function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let projectId: string;
  let ready: { influencerId: string; name: string | null; createdAt: string }[];

  before(async () => {
    emu = await startEmulator({ port: 0, jobMs: 20 });
    const api = dashboard(emu);
    // A project made with an app description gets a persona of its own, as in Layers.
    projectId = (await api.post("/projects", { name: "Workflow", appDescription: "A habit tracker for runners" })).data.projectId;
    await new Promise((r) => setTimeout(r, 100));
    await api.post(`/projects/${projectId}/influencers`, {});
    await api.post(`/projects/${projectId}/influencers`, {});
    await new Promise((r) => setTimeout(r, 100));
    ready = (await api.get(`/projects/${projectId}/influencers?status=ready`)).data.items;
    assert.equal(ready.length, 3);
  });
  after(async () => emu?.close());

  const run = () =>
    runProgram(DIR, {
      project: "persona-workflow",
      stack: "dev",
      config: { "persona-workflow:projectId": projectId, "layers:apiKey": emu.apiKey, "layers:baseUrl": emu.url },
    });

  it("declares the photo from the file, the persona binding it, and its B variant cloned from it", async () => {
    const result = await run();
    const media = result.resources.filter((r) => r.type === MEDIA_TYPE);
    assert.deepStrictEqual(media.map((m) => [m.name, m.inputs.projectId, m.inputs.file]), [["ava-photo", projectId, "assets/ava.png"]]);
    const png = await fs.readFile(path.join(DIR, "assets/ava.png"));
    assert.strictEqual(png.subarray(0, 8).toString("hex"), "89504e470d0a1a0a", "the shipped photo is a PNG");

    const byName = influencers(result);
    const ava = byName.get("ava")!;
    assert.deepStrictEqual(ava.inputs.referenceImageAssetIds, [result.exports.photoAssetId]);
    assert.match(String(result.exports.photoAssetId), /^med_/);
    const b = byName.get("ava-b")!;
    assert.strictEqual(b.inputs.cloneFrom, result.exports.avaId);
    assert.deepStrictEqual([b.inputs.name, b.inputs.vibe], ["Ava (B)", "dry wit"]);
  });

  it("adopts the project's own persona (its oldest), keeping it in Layers on destroy", async () => {
    const result = await run();
    const house = influencers(result).get("house")!;
    const auto = (await dashboard(emu).get(`/projects/${projectId}/influencers`)).data.items.at(-1);
    assert.strictEqual(house.inputs.adoptId, auto.influencerId);
    assert.strictEqual(house.retainOnDelete, true);
  });

  it("hands the briefs out in turn to the project's ready personas, oldest first", async () => {
    const result = await run();
    const got = result.exports.briefAssignments as { brief: string; influencerId: string }[];
    const rotation = [...ready].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((p) => p.influencerId);
    assert.deepStrictEqual(got.map((a) => a.influencerId), [0, 1, 2, 0, 1].map((i) => rotation[i]));
    assert.strictEqual(got[0].brief, "Launch teaser");
  });

  it("briefs helpers: a new persona joins the end of the rotation; no personas, no assignments", () => {
    const p = (id: string, t: string) => ({ influencerId: id, name: id, createdAt: t });
    const before = assignInTurn(["a", "b", "c"], [p("x", "1"), p("y", "2")]).map((a) => a.influencerId);
    const after = assignInTurn(["a", "b", "c"], [p("z", "3"), p("x", "1"), p("y", "2")]).map((a) => a.influencerId);
    assert.deepStrictEqual([before, after], [["x", "y", "x"], ["x", "y", "z"]]);
    assert.deepStrictEqual(assignInTurn(["a"], []), []);
    assert.strictEqual(oldest([p("z", "3"), p("x", "1")])?.influencerId, "x");
  });
});
