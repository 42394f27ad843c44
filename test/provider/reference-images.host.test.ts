// Reference images through the real provider host: declared ids are bound at create,
// an added id is bound by update, a removed bound id replaces (the API cannot unbind).
import { strict as assert } from "node:assert";
import { dashboard, influencerInputs, startRig, urn, type Rig } from "./support";

const PNG = Buffer.from("89504e470d0a1a0a", "hex").toString("base64");

describe("reference images in the real provider host", function () {
  this.timeout(60_000);
  let rig: Rig;
  const media: string[] = [];
  before(async () => {
    rig = await startRig();
    for (let i = 0; i < 2; i++) {
      const res = await dashboard(rig.emulator).post(`/projects/${rig.emulator.projectId}/media`, { dataBase64: PNG, contentType: "image/png" });
      assert.equal(res.status, 201, JSON.stringify(res.data));
      media.push(res.data.assetId);
    }
  });
  after(async () => rig?.close());

  it("binds declared images at create, binds an added one with one call, and replaces when a bound one is removed", async () => {
    const args = { projectId: rig.emulator.projectId, name: "Refs" };
    const first = (await influencerInputs("refs", { ...args, referenceImageAssetIds: [media[0]] })).inputs;
    const created = await rig.host.create(urn("refs"), first);
    const bound = (p: Record<string, unknown>) => (p.referenceImages as { assetId: string }[]).map((r) => r.assetId);
    assert.ok(bound(created.properties).includes(media[0]));

    const both = (await influencerInputs("refs", { ...args, referenceImageAssetIds: [media[0], media[1]] })).inputs;
    const diff = await rig.host.diff(created.id, urn("refs"), created.properties, both);
    assert.deepEqual([diff.changes, diff.replaces], ["DIFF_SOME", []]);
    await rig.control.clearRequests();
    const updated = await rig.host.update(created.id, urn("refs"), created.properties, both);
    assert.ok(bound(updated.properties).includes(media[1]));
    assert.deepEqual((await rig.control.requests()).map((r) => `${r.method} ${r.path}`), [`POST /v1/influencers/${created.id}/reference-images`]);

    const dropped = (await influencerInputs("refs", { ...args, referenceImageAssetIds: [media[1]] })).inputs;
    assert.deepEqual((await rig.host.diff(created.id, urn("refs"), updated.properties, dropped)).replaces, ["referenceImageAssetIds"]);
  });
});
