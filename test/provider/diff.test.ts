import { strict as assert } from "node:assert";
import { diffInfluencer } from "../../provider/influencer/diff";
import { canonicalJson, createGender, normalizeGender } from "../../provider/core/normalize";
import { UNKNOWN } from "../../provider/core/validation";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";

/** Outputs as stored after a create that declared `declared`. */
function stored(extra: Record<string, unknown> = {}) {
  return {
    influencerId: "inf_01HX9Y6K7EJ4T2ABCDEFGHJKMN", projectId: PROJECT, status: "ready",
    name: "Ava", gender: "nonbinary", ageRange: "25-34", style: "street", vibe: "warm (server generated)",
    personality: { tone: "dry", traits: ["a", "b"] }, referenceImages: [{ assetId: "med_A" }],
    referenceImageAssetIds: ["med_A"], deleteReason: "bye", declaredFields: ["name", "gender", "ageRange", "style", "personality"],
    ...extra,
  };
}
const inputs = (extra: Record<string, unknown> = {}) => ({
  projectId: PROJECT, name: "Ava", gender: "non_binary", ageRange: "25-34", style: "street",
  personality: { traits: ["a", "b"], tone: "dry" }, referenceImageAssetIds: ["med_A"], deleteReason: "bye", ...extra,
});

describe("diff", () => {
  it("reports no change when nothing changed, whatever the spelling and key order", () => {
    const d = diffInfluencer(stored(), inputs());
    assert.equal(d.changes, false, d.changed.join());
    assert.deepEqual(d.replaces, []);
    assert.deepEqual(d.stables, ["influencerId", "projectId", "createdAt"]);
  });

  it("ignores fields the program does not declare (server-generated values)", () => {
    assert.equal(diffInfluencer(stored({ vibe: "changed by the server" }), inputs()).changes, false);
  });

  it("shows drift made outside Pulumi as a change of that field", () => {
    const d = diffInfluencer(stored({ style: "grunge", personality: { tone: "dry" } }), inputs());
    assert.deepEqual(d.changed.sort(), ["personality", "style"]);
    assert.deepEqual(d.replaces, []);
  });

  it("treats removing a declared field as a change (it will be cleared)", () => {
    const { style: _style, ...rest } = inputs();
    assert.deepEqual(diffInfluencer(stored(), rest).changed, ["style"]);
  });

  it("replaces on projectId, prompt and removed reference images", () => {
    assert.deepEqual(diffInfluencer(stored(), inputs({ projectId: "0b8e7c5e-0000-4000-8000-000000000000" })).replaces, ["projectId"]);
    assert.deepEqual(diffInfluencer(stored(), inputs({ prompt: "rocker" })).replaces, ["prompt"]);
    assert.deepEqual(diffInfluencer(stored({ prompt: "rocker" }), inputs()).replaces, ["prompt"]);
    assert.deepEqual(diffInfluencer(stored(), inputs({ referenceImageAssetIds: [] })).replaces, ["referenceImageAssetIds"]);
  });

  it("does not replace when the removed reference image was never bound (a create failed before binding it)", () => {
    const d = diffInfluencer(stored({ referenceImageAssetIds: ["med_A", "med_BAD"], referenceImages: [{ assetId: "med_A" }] }), inputs());
    assert.deepEqual([d.replaces, d.changed], [[], ["referenceImageAssetIds"]]);
  });

  it("reports unknown reference images as a possible replacement only when some are bound", () => {
    assert.deepEqual(diffInfluencer(stored(), inputs({ referenceImageAssetIds: UNKNOWN })).replaces, ["referenceImageAssetIds"]);
    const none = diffInfluencer(stored({ referenceImageAssetIds: undefined, referenceImages: [] }), inputs({ referenceImageAssetIds: UNKNOWN }));
    assert.deepEqual([none.replaces, none.changed], [[], ["referenceImageAssetIds"]]);
  });

  it("replaces a persona whose generation failed", () => {
    assert.deepEqual(diffInfluencer(stored({ status: "failed" }), inputs()).replaces, ["status"]);
  });

  it("binds (updates) when a declared reference image is added or missing on the persona", () => {
    const added = diffInfluencer(stored(), inputs({ referenceImageAssetIds: ["med_A", "med_B"] }));
    assert.deepEqual([added.replaces, added.changed], [[], ["referenceImageAssetIds"]]);
    const drifted = diffInfluencer(stored({ referenceImages: [] }), inputs());
    assert.deepEqual(drifted.changed, ["referenceImageAssetIds"]);
  });

  it("updates without an API change for state-only inputs", () => {
    assert.deepEqual(diffInfluencer(stored(), inputs({ deleteReason: "new reason" })).changed, ["deleteReason"]);
  });

  it("ignores the idempotency seed (a renamed stack is not a change)", () => {
    assert.equal(diffInfluencer(stored({ idempotencySeed: "p/old/ava" }), inputs({ idempotencySeed: "p/new/ava" })).changes, false);
  });

  it("reports unknown preview values as changes, and an unknown projectId as a replacement", () => {
    assert.deepEqual(diffInfluencer(stored(), inputs({ name: UNKNOWN })).changed, ["name"]);
    assert.deepEqual(diffInfluencer(stored(), inputs({ projectId: UNKNOWN })).replaces, ["projectId"]);
  });

  it("after an import, compares only what is declared and never replaces on prompt or clears", () => {
    const imported = { ...stored(), declaredFields: undefined, referenceImageAssetIds: undefined, deleteReason: undefined };
    const d = diffInfluencer(imported, { projectId: PROJECT, name: "Ava", prompt: "rocker", deleteReason: "Deleted by Pulumi stack p/dev" });
    assert.equal(d.changes, false, d.changed.join());
  });
});

describe("normalisation", () => {
  it("spells genders the way the API reads and creates them", () => {
    assert.equal(normalizeGender("non_binary"), "nonbinary");
    assert.equal(createGender("nonbinary"), "non_binary");
    assert.equal(createGender("unspecified"), undefined);
  });
  it("canonical JSON sorts keys and drops empty members", () => {
    assert.equal(canonicalJson({ b: 1, a: { d: null, c: [2, 1] } }), '{"a":{"c":[2,1]},"b":1}');
  });
});
