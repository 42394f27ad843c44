// The ids and keys a clone create derives: deterministic per resource and generation, in
// the shape the API takes for newInfluencerId, and different wherever the identity differs.
import { strict as assert } from "node:assert";
import { cloneIdempotencyKey, cloneInfluencerId, createIdempotencyKey } from "../../provider/influencer/idempotency";

const base = { idempotencySeed: "shop/dev/ava-b", projectId: "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39", cloneFrom: "inf_01HX9Y6K7EJ4T2ABCDEFGHJKMN" };
const ULID_SHAPED = /^inf_[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

describe("clone ids and keys", () => {
  it("are ULID-shaped ids, the same on every run, one per generation", () => {
    const ids = Array.from({ length: 20 }, (_, g) => cloneInfluencerId(base, g));
    for (const id of ids) assert.match(id, ULID_SHAPED);
    assert.equal(new Set(ids).size, 20);
    assert.equal(cloneInfluencerId({ ...base }, 3), ids[3]);
  });

  it("change with the resource, the project, the source and the reference images, not with persona fields", () => {
    const id = cloneInfluencerId(base, 0);
    for (const other of [{ idempotencySeed: "shop/prod/ava-b" }, { projectId: "3f1c5a7e-0000-4000-8000-000000000000" }, { cloneFrom: "inf_01HX9Y6K7EJ4T2ABCDEFGHJKMP" }, { referenceImageAssetIds: ["med_01HX9Y6K7EJ4T2ABCDEFGHJKMN"] }]) {
      assert.notEqual(cloneInfluencerId({ ...base, ...other }, 0), id, JSON.stringify(other));
    }
    assert.equal(cloneInfluencerId({ ...base, vibe: "dry wit", name: "Ava (B)" }, 0), id);
  });

  it("the clone key follows the body (an edited body is a new request), and never equals a create key", () => {
    const body = { name: "Ava (B)", newInfluencerId: cloneInfluencerId(base, 0), overrides: { vibe: "dry wit" } };
    const key = cloneIdempotencyKey(base, 0, body);
    assert.match(key, /^pulumi-layers-[0-9a-f]{48}$/);
    assert.equal(cloneIdempotencyKey(base, 0, { ...body }), key);
    assert.notEqual(cloneIdempotencyKey(base, 0, { ...body, overrides: { vibe: "deadpan" } }), key);
    assert.notEqual(cloneIdempotencyKey(base, 1, body), key);
    assert.notEqual(createIdempotencyKey(base, 0), key);
  });
});
