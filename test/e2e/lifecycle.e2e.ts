// The Influencer's lifecycle edges under the real engine: a persona deleted in the dashboard,
// a wrong-org key on refresh and destroy, Influencer.get, adoptId, protect, --replace, and
// refresh of a persona whose create failed. Each test runs its own stack of the personas
// program against one emulator.
import * as assert from "assert";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import {
  createPersonaOutOfBand,
  deleteInfluencer,
  getInfluencer,
  listInfluencerIds,
  otherOrgKey,
  setEmulatorConfig,
  storedInfluencer,
} from "./emulator-api";
import { requireCli } from "./support/cli";
import { PersonasStack } from "./support/personas-stack";

describe("e2e: Influencer lifecycle edges with the Pulumi CLI", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  const stacks: PersonasStack[] = [];
  const api = () => ({ url: emulator.url, apiKey: emulator.apiKey });
  const live = () => listInfluencerIds(api(), emulator.projectId);
  const newStack = async (label: string, personas: Parameters<typeof PersonasStack.create>[2]) => {
    const s = await PersonasStack.create(label, emulator, personas);
    stacks.push(s);
    return s;
  };

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 150 });
  });
  after(async () => {
    for (const s of stacks) await s.dispose(emulator.apiKey);
    await emulator?.close();
  });

  it("a persona deleted in the dashboard: refresh drops it, the next up re-creates it", async () => {
    const s = await newStack("deleted", { keep: { args: { name: "Keep" } }, gone: { args: { name: "Gone" } } });
    await s.stack.up();
    const before = await s.outputs();
    await deleteInfluencer(api(), before.gone.influencerId);

    await s.stack.refresh();
    const state = await s.stateInfluencers();
    assert.deepStrictEqual(Object.keys(state).sort(), ["keep"], "refresh dropped exactly the deleted persona");

    const up = await s.stack.up();
    assert.strictEqual(up.summary.resourceChanges?.create, 1);
    const after = await s.outputs();
    assert.strictEqual(after.keep.influencerId, before.keep.influencerId);
    assert.notStrictEqual(after.gone.influencerId, before.gone.influencerId, "a new persona, not the deleted one");
    assert.strictEqual((await getInfluencer(api(), after.gone.influencerId)).record.name, "Gone");
    const ids = await live();
    assert.ok(ids.includes(after.gone.influencerId) && !ids.includes(before.gone.influencerId));
    await s.stack.destroy();
  });

  it("a wrong-org key: refresh and destroy fail clearly and state keeps every persona", async () => {
    const s = await newStack("wrongkey", { a: { args: { name: "A" } }, b: { args: { name: "B" } } });
    await s.stack.up();
    const ids = Object.values(await s.outputs()).map((p) => p.influencerId).sort();
    await s.setApiKey(await otherOrgKey(api()));
    // preview and up fail at the first persona's check, before anything is written.
    await assert.rejects(s.stack.preview(), /is not visible to this API key/);
    await assert.rejects(s.stack.up(), /is not visible to this API key/);
    // refresh and destroy do not check; with the program run they use this key, and a 404
    // for each persona must not drop or forget them.
    await assert.rejects(s.stack.refresh({ runProgram: true }), /cannot see its project/);
    assert.deepStrictEqual(Object.values(await s.stateInfluencers()).map((r) => r.id).sort(), ids, "refresh kept both");
    await assert.rejects(s.stack.destroy({ runProgram: true }), /cannot see its project/);
    assert.deepStrictEqual(Object.values(await s.stateInfluencers()).map((r) => r.id).sort(), ids, "destroy kept both");
    for (const id of ids) assert.strictEqual((await getInfluencer(api(), id)).status, 200, `${id} still exists in Layers`);

    await s.setApiKey(emulator.apiKey);
    await s.stack.destroy({ runProgram: true });
    for (const id of ids) assert.strictEqual((await getInfluencer(api(), id)).status, 404);
  });

  it("Influencer.get reads a persona it does not own; adoptId takes one over without creating", async () => {
    const lookedAt = await createPersonaOutOfBand(api(), emulator.projectId, { gender: "male" });
    const adopted = await createPersonaOutOfBand(api(), emulator.projectId, { gender: "female" });
    const before = (await live()).length;
    const s = await newStack("adopt", { looked: { getId: lookedAt }, mine: { args: { adoptId: adopted, name: "Adopted", style: "adopted style" } } });

    await s.stack.up();
    const out = await s.outputs();
    assert.strictEqual(out.looked.influencerId, lookedAt);
    assert.strictEqual(out.looked.name, (await getInfluencer(api(), lookedAt)).record.name);
    assert.strictEqual(out.mine.influencerId, adopted, "adopted, not created");
    assert.strictEqual((await live()).length, before, "no persona created");
    assert.strictEqual((await getInfluencer(api(), adopted)).record.style, "adopted style");

    await s.stack.destroy();
    assert.strictEqual((await getInfluencer(api(), adopted)).status, 404, "the adopted persona is Pulumi's to delete");
    assert.strictEqual((await getInfluencer(api(), lookedAt)).status, 200, "a looked-up persona is never deleted");
  });

  it("protect: destroy refuses and the persona stays", async () => {
    const s = await newStack("protect", { prod: { args: { name: "Prod" }, protect: true } });
    await s.stack.up();
    const id = (await s.outputs()).prod.influencerId;
    await assert.rejects(s.stack.destroy(), /protected/);
    assert.strictEqual((await getInfluencer(api(), id)).status, 200);
    await s.declare({ prod: { args: { name: "Prod" } } });
    await s.stack.up(); // lifts the protection
    await s.stack.destroy();
    assert.strictEqual((await getInfluencer(api(), id)).status, 404);
  });

  it("up --replace: a new persona, the old one soft-deleted, never both", async () => {
    const s = await newStack("replace", { r: { args: { name: "Replaced" } } });
    await s.stack.up();
    const oldId = (await s.outputs()).r.influencerId;
    const up = await s.stack.up({ replace: [s.urn("r")] });
    assert.strictEqual(up.summary.resourceChanges?.replace, 1, JSON.stringify(up.summary.resourceChanges));
    const newId = (await s.outputs()).r.influencerId;
    assert.notStrictEqual(newId, oldId);
    assert.strictEqual((await getInfluencer(api(), oldId)).status, 404);
    assert.match(String((await storedInfluencer(api(), oldId))?.deleteReason), /Deleted by Pulumi stack e2e\//);
    const ids = await live();
    assert.ok(ids.includes(newId) && !ids.includes(oldId));
    await s.stack.destroy();
  });

  it("a create that timed out is kept; refresh keeps it and the next up finishes the same persona", async () => {
    await setEmulatorConfig(api(), { jobMs: 5000 });
    try {
      const s = await newStack("slow", { slow: { args: { name: "Slow", jobTimeoutSeconds: 1 } } });
      await assert.rejects(s.stack.up(), /not finished after/);
      const failed = (await s.stateInfluencers()).slow;
      assert.ok(failed?.id, "the engine recorded the persona it could not finish");
      assert.ok((failed.initErrors ?? []).length > 0, "as created-but-failed (initErrors)");

      await s.stack.refresh();
      assert.strictEqual((await s.stateInfluencers()).slow?.id, failed.id, "refresh kept it");

      await new Promise((r) => setTimeout(r, 5000)); // the generation finishes meanwhile
      await s.declare({ slow: { args: { name: "Slow" } } });
      await s.stack.up();
      const out = await s.outputs();
      assert.strictEqual(out.slow.influencerId, failed.id, "the same persona, not a second one");
      assert.strictEqual(out.slow.status, "ready");
      assert.strictEqual((await getInfluencer(api(), failed.id)).record.name, "Slow");
      await s.stack.destroy();
    } finally {
      await setEmulatorConfig(api(), { jobMs: 150 });
    }
  });
});
