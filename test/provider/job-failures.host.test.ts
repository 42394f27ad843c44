// A generation job that fails or never finishes after the persona row exists: nothing may
// be orphaned. Failed: the persona is deleted and up fails. Stuck past the deadline: up
// fails with ErrorResourceInitFailed, so the engine keeps the persona (with its provider).
import { strict as assert } from "node:assert";
import { influencerInputs, startRig, urn, type Rig } from "./support";
import type { HostCallError } from "../support/host";

describe("generation jobs that fail or hang, in the real provider host", function () {
  this.timeout(60_000);
  let rig: Rig;
  before(async () => {
    rig = await startRig({ jobMs: 60 });
  });
  afterEach(async () => rig.control.clearFaults());
  after(async () => rig?.close());

  it("a failed job: the persona is soft-deleted and create fails without leaving anything behind", async () => {
    await rig.control.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-fail" } });
    const { inputs } = await influencerInputs("failing", { projectId: rig.emulator.projectId, name: "Fails" });
    await assert.rejects(rig.host.create(urn("failing"), inputs), (e: HostCallError) => {
      assert.ok(!e.initFailed, "nothing for the engine to record");
      assert.match(e.message, /failed.*was deleted; run pulumi up to try again/);
      return true;
    });
    const state = await rig.control.state();
    const live = state.influencers.filter((i) => !i.deletedAt && i.projectId === rig.emulator.projectId && i.status === "failed");
    assert.deepEqual(live, []);
    // the next up creates a fresh persona
    const again = await rig.host.create(urn("failing"), inputs);
    assert.equal(again.properties.status, "ready");
  });

  it("a stuck job: create fails as created-but-failed, carrying the id and the provider", async () => {
    await rig.control.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-stuck" } });
    const { inputs } = await influencerInputs("stuck", { projectId: rig.emulator.projectId, name: "Stuck", jobTimeoutSeconds: 1 });
    await assert.rejects(rig.host.create(urn("stuck"), inputs), (e: HostCallError) => {
      assert.equal(e.initFailed, true, e.message);
      assert.match(String(e.id), /^inf_/);
      assert.equal(e.properties?.__provider, inputs.__provider);
      assert.equal(e.properties?.status, "training");
      assert.match(e.message, /did not finish.*Pulumi keeps it in state/);
      return true;
    });
  });
});
