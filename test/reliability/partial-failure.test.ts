// Partial failures the fault suite can only hit by chance, forced here one at a time and
// followed through the engine's next `pulumi up` (engine model: test/faults/engine.ts).
import { strict as assert } from "node:assert";
import { influencerInputs, startRig, urn, type Rig } from "../provider/support";
import { EngineModel } from "../faults/engine";
import { live, rowsFor } from "./support";

describe("partial failures, followed through the next pulumi up", function () {
  this.timeout(60_000);
  let rig: Rig;
  let engine: EngineModel;
  before(async () => {
    rig = await startRig({ jobMs: 100 });
    engine = new EngineModel(rig.host, urn);
  });
  afterEach(async () => rig.control.clearFaults());
  after(async () => rig?.close());

  const declare = async (name: string, prompt: string) =>
    (await influencerInputs(name, { projectId: rig.emulator.projectId, prompt, name: "Partial", style: "linen", jobTimeoutSeconds: 5 })).inputs;

  it("a failed generation whose clean-up DELETE lost its response: the next up ends with one live persona in state", async () => {
    const inputs = await declare("cleanup", "failed generation, delete reset");
    await rig.control.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-fail" } });
    await rig.control.fault({ method: "DELETE", path: "/v1/influencers/*", action: { type: "reset", when: "after" } });
    assert.equal(await engine.up("cleanup", inputs), false, "the first up fails: generation failed");
    for (let run = 0; run < 3 && !engine.converged("cleanup", inputs); run++) await engine.up("cleanup", inputs);
    const messages = engine.failures.filter((f) => f.resource === "cleanup").map((f) => `${f.step}: ${f.message}`);
    assert.ok(engine.converged("cleanup", inputs), `three more runs did not repair it:\n${messages.join("\n")}`);
    const rows = live(await rowsFor(rig.control, "failed generation, delete reset"));
    assert.deepEqual(rows.map((r) => r.influencerId), [engine.state.get("cleanup")!.id]);
  });

  // The Influencer registers deleteBeforeReplace: true by default (provider/dynamic/influencer.ts): with
  // create-before-delete the replacement would send the same Idempotency-Key and adopt the
  // persona the engine is about to delete.
  it("pulumi up --replace makes a new persona and keeps it, the old one deleted", async () => {
    const inputs = await declare("forced", "forced replacement");
    assert.ok(await engine.up("forced", inputs));
    const oldId = engine.state.get("forced")!.id;
    await engine.forceReplace("forced", inputs);
    const rec = engine.state.get("forced")!;
    const rows = await rowsFor(rig.control, "forced replacement");
    assert.notEqual(rec.id, oldId, "the replacement adopted the persona it replaces (same Idempotency-Key)");
    assert.deepEqual(live(rows).map((r) => r.influencerId), [rec.id], "state points at the one live persona");
    assert.ok(rows.find((r) => r.influencerId === oldId)!.deletedAt, "the replaced persona is deleted");
  });
});
