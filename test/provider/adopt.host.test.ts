// adoptId in the real provider host: adopting a persona declared exactly as it is sends no
// PATCH and leaves the record untouched; a field that differs is the only one PATCHed.
import { strict as assert } from "node:assert";
import { dashboard, influencerInputs, startRig, urn, type Rig } from "./support";

const PERSONA = {
  name: "Noa Lind",
  gender: "non_binary", // reads back as nonbinary
  ageRange: "25-34",
  brandVoice: "dry, \"quoted\" and\nmulti-line",
  personality: { traits: ["wry"], tone: "calm", catchphrases: ["well then"] },
};

describe("adoptId in the real provider host", function () {
  this.timeout(60_000);
  let rig: Rig;
  let id: string;

  before(async () => {
    rig = await startRig();
    const api = dashboard(rig.emulator);
    const created = await api.post(`/projects/${rig.emulator.projectId}/influencers`, {});
    assert.equal(created.status, 202, JSON.stringify(created.data));
    id = created.data.influencerId;
    for (;;) {
      const job = await api.get(`/jobs/${created.data.jobId}`);
      if (job.data.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await api.patch(`/influencers/${id}`, PERSONA)).status, 200);
  });
  after(async () => rig?.close());

  const record = async () => (await rig.control.state()).influencers.find((i) => i.influencerId === id)!;

  it("declared as it is (other spellings, personality keys reordered): one GET, no PATCH, record unchanged", async () => {
    const before = await record();
    const current = (await dashboard(rig.emulator).get(`/influencers/${id}`)).data;
    const args = {
      projectId: rig.emulator.projectId,
      adoptId: id,
      ...PERSONA,
      personality: { catchphrases: ["well then"], tone: "calm", traits: ["wry"] },
      // every other field at its generated value
      hairColor: current.hairColor,
      hairStyle: current.hairStyle,
      style: current.style,
      vibe: current.vibe,
      voiceDescription: current.voiceDescription,
      language: current.language,
      referenceImageAssetIds: current.referenceImages.map((r: { assetId: string }) => r.assetId),
    };
    const { inputs } = await influencerInputs("noa", args);
    assert.deepEqual((await rig.host.check(urn("noa"), {}, inputs)).failures, []);
    await rig.control.clearRequests();
    const created = await rig.host.create(urn("noa"), inputs);
    assert.equal(created.id, id);
    assert.deepEqual((await rig.control.requests()).map((r) => `${r.method} ${r.path}`), [`GET /v1/influencers/${id}`]);
    assert.deepEqual(await record(), before, "the emulator's record did not change (updatedAt included)");

    // and the next refresh + preview sees nothing to do
    const read = await rig.host.read(id, urn("noa"), created.properties, inputs);
    assert.equal((await rig.host.diff(id, urn("noa"), read.properties, inputs)).changes, "DIFF_NONE");
  });

  it("a declared field that differs is the only thing PATCHed", async () => {
    const { inputs } = await influencerInputs("noa2", { projectId: rig.emulator.projectId, adoptId: id, ...PERSONA, ageRange: "35-44" });
    await rig.control.clearRequests();
    const created = await rig.host.create(urn("noa2"), inputs);
    assert.deepEqual((await rig.control.requests()).map((r) => r.method), ["GET", "PATCH"]);
    assert.equal(created.properties.ageRange, "35-44");
    const after = await record();
    assert.equal(after.brandVoice, PERSONA.brandVoice);
    assert.deepEqual(after.personality, PERSONA.personality);
  });
});
