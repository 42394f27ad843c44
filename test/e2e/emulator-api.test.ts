// The e2e suite's out-of-band helpers, checked against the real emulator in `npm test`
// (the e2e suite itself needs the Pulumi CLI, so its helpers would otherwise go untested).
import * as assert from "assert";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import { findRecord, getInfluencer, listInfluencerIds, patchInfluencer, storedInfluencer } from "./emulator-api";

describe("e2e helpers against the emulator", () => {
  let emu: EmulatorHandle;
  let id: string;
  const api = () => ({ url: emu.url, apiKey: emu.apiKey });

  before(async () => {
    emu = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 20 });
    const res = await fetch(`${emu.url}/v1/projects/${emu.projectId}/influencers`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ gender: "female" }),
    });
    assert.strictEqual(res.status, 202);
    id = ((await res.json()) as { influencerId: string }).influencerId;
    for (let i = 0; i < 100 && (await getInfluencer(api(), id)).record.status !== "ready"; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  after(() => emu?.close());

  it("lists the project's live influencers and PATCHes one out of band", async () => {
    assert.ok((await listInfluencerIds(api(), emu.projectId)).includes(id));
    await patchInfluencer(api(), id, { style: "drifted" });
    assert.strictEqual((await getInfluencer(api(), id)).record.style, "drifted");
  });

  it("finds a soft-deleted influencer's deleteReason in /_emulator/state", async () => {
    const del = await fetch(`${emu.url}/v1/influencers/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "Deleted by Pulumi stack quickstart/e2e" }),
    });
    assert.strictEqual(del.status, 200);
    assert.strictEqual((await getInfluencer(api(), id)).status, 404);
    assert.ok(!(await listInfluencerIds(api(), emu.projectId)).includes(id));
    const stored = await storedInfluencer(api(), id);
    assert.strictEqual(stored?.deleteReason, "Deleted by Pulumi stack quickstart/e2e");
  });

  it("findRecord picks the richest object with that influencerId anywhere in a document", () => {
    const doc = { jobs: [{ influencerId: "inf_X", jobId: "j" }], rows: { inf_X: { influencerId: "inf_X", status: "ready", deleteReason: "r" } } };
    assert.strictEqual(findRecord(doc, "inf_X")?.deleteReason, "r");
    assert.strictEqual(findRecord(doc, "inf_Y"), undefined);
  });
});
