// The Influencer's whole lifecycle, run the way the engine runs it: the `__provider` text
// produced by constructing the resource under mocks, evaluated by the real
// @pulumi/pulumi dynamic provider host over gRPC, against the emulator.
import { strict as assert } from "node:assert";
import { influencerInputs, startRig, urn, dashboard, type Rig } from "./support";
import { unknownValue, type Props } from "../support/host";

const PERSONA = {
  name: "Ava Chen",
  gender: "non_binary",
  ageRange: "25-34",
  style: "minimalist streetwear",
  personality: { traits: ["curious", "warm"], tone: "conversational" },
};

describe("Influencer lifecycle in the real provider host", function () {
  this.timeout(60_000);
  let rig: Rig;
  let inputs: Props;
  let id: string;
  let outputs: Props;

  before(async () => {
    rig = await startRig();
    ({ inputs } = await influencerInputs("ava", { projectId: rig.emulator.projectId, ...PERSONA }));
  });
  after(async () => rig?.close());

  it("check accepts the declared inputs and returns them with the provider", async () => {
    const res = await rig.host.check(urn("ava"), {}, inputs);
    assert.deepEqual(res.failures, []);
    assert.equal(res.inputs.name, "Ava Chen");
    assert.equal(typeof res.inputs.__provider, "string");
  });

  it("check reports one failure per bad field, before any API call", async () => {
    await rig.control.clearRequests();
    const res = await rig.host.check(urn("ava"), {}, { ...inputs, name: "", gender: "robot", personality: { humorStyle: "dry" } });
    assert.deepEqual(res.failures.map((f) => f.property).sort(), ["gender", "name", "personality.humorStyle"]);
    assert.match(res.failures.find((f) => f.property === "name")!.reason, /must not be empty/);
    assert.deepEqual(await rig.control.requests(), []);
  });

  it("check and diff tolerate values unknown during preview", async () => {
    const preview = { ...inputs, projectId: unknownValue, name: unknownValue };
    assert.deepEqual((await rig.host.check(urn("ava"), {}, preview)).failures, []);
  });

  it("create makes exactly one persona, waits until it is ready and applies the persona", async () => {
    await rig.control.clearRequests();
    const res = await rig.host.create(urn("ava"), inputs);
    id = res.id;
    outputs = res.properties;
    assert.match(id, /^inf_[0-9A-Z]{26}$/);
    assert.equal(outputs.status, "ready");
    assert.equal(outputs.name, "Ava Chen");
    assert.equal(outputs.gender, "nonbinary");
    assert.equal(outputs.ageRange, "25-34");
    assert.deepEqual(outputs.personality, PERSONA.personality);
    assert.equal(typeof outputs.thumbnailUrl, "string");
    assert.equal(typeof outputs.__provider, "string", "outputs keep the provider text for later refresh/destroy");
    const state = await rig.control.state();
    assert.equal(state.influencers.filter((i) => i.projectId === rig.emulator.projectId && i.influencerId === id).length, 1);
    const calls = await rig.control.requests();
    const posts = calls.filter((c) => c.method === "POST");
    assert.equal(posts.length, 1, "one POST");
    assert.match(String(posts[0].idempotencyKey), /^pulumi-layers-/);
    assert.deepEqual(calls.filter((c) => c.method === "PATCH").length, 1, "one PATCH for the persona fields");
  });

  it("read reports the persona unchanged, and diff sees no change", async () => {
    const read = await rig.host.read(id, urn("ava"), outputs, inputs);
    assert.equal(read.id, id);
    assert.equal(read.properties.name, "Ava Chen");
    const diff = await rig.host.diff(id, urn("ava"), read.properties, inputs);
    assert.equal(diff.changes, "DIFF_NONE");
  });

  it("an out-of-band PATCH shows as drift, and update repairs it with one PATCH", async () => {
    const res = await dashboard(rig.emulator).patch(`/influencers/${id}`, { style: "grunge", vibe: "moody" });
    assert.equal(res.status, 200);
    const refreshed = (await rig.host.read(id, urn("ava"), outputs, inputs)).properties;
    assert.equal(refreshed.style, "grunge");
    const diff = await rig.host.diff(id, urn("ava"), refreshed, inputs);
    assert.equal(diff.changes, "DIFF_SOME", "declared style drifted");
    assert.deepEqual(diff.replaces, []);
    await rig.control.clearRequests();
    const updated = await rig.host.update(id, urn("ava"), refreshed, inputs);
    assert.equal(updated.properties.style, PERSONA.style);
    assert.equal(updated.properties.vibe, "moody", "an undeclared field is left alone");
    const calls = await rig.control.requests();
    assert.deepEqual(calls.map((c) => c.method), ["PATCH"]);
    outputs = updated.properties;
  });

  it("a changed declared field updates in place; removing one clears it", async () => {
    const { style: _dropped, ...rest } = PERSONA;
    const next = (await influencerInputs("ava", { projectId: rig.emulator.projectId, ...rest, name: "Ava C." })).inputs;
    const diff = await rig.host.diff(id, urn("ava"), outputs, next);
    assert.equal(diff.changes, "DIFF_SOME");
    assert.deepEqual(diff.replaces, []);
    const updated = await rig.host.update(id, urn("ava"), outputs, next);
    assert.equal(updated.properties.name, "Ava C.");
    assert.equal(updated.properties.style, null);
    outputs = updated.properties;
    inputs = next;
  });

  it("a new prompt or project is a replacement", async () => {
    const prompted = (await influencerInputs("ava", { projectId: rig.emulator.projectId, ...PERSONA, prompt: "70s rocker" })).inputs;
    assert.deepEqual((await rig.host.diff(id, urn("ava"), outputs, prompted)).replaces, ["prompt"]);
    const moved = { ...inputs, projectId: "0b8e7c5e-0000-4000-8000-000000000000" };
    assert.deepEqual((await rig.host.diff(id, urn("ava"), outputs, moved)).replaces, ["projectId"]);
  });

  it("Influencer.get reads the persona by id with no prior state and hands back inputs", async () => {
    const read = await rig.host.read(id, urn("imported"), { __provider: inputs.__provider });
    assert.equal(read.id, id);
    assert.equal(read.properties.influencerId, id);
    assert.equal(read.inputs.projectId, rig.emulator.projectId);
    assert.equal(read.inputs.name, "Ava C.");
  });

  it("delete soft-deletes with the reason, then read reports it gone", async () => {
    await rig.host.delete(id, urn("ava"), outputs);
    const state = await rig.control.state();
    const row = state.influencers.find((i) => i.influencerId === id)!;
    assert.ok(row.deletedAt, "soft-deleted");
    assert.match(String(row.deleteReason), /^Deleted by Pulumi stack layers-test\/dev$/);
    const read = await rig.host.read(id, urn("ava"), outputs, inputs);
    assert.equal(read.id, "", "an empty id tells the engine the resource is gone");
    // deleting again (a retried destroy) is success
    await rig.host.delete(id, urn("ava"), outputs);
  });
});
