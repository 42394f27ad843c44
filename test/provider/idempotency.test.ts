import { strict as assert } from "node:assert";
import { createIdempotencyKey } from "../../provider/influencer/idempotency";

const base = { projectId: "p1", idempotencySeed: "proj/dev/ava", gender: "female", prompt: "barista" };

describe("create idempotency keys", () => {
  it("are stable for the same resource and create identity, whatever else changes", () => {
    const k = createIdempotencyKey(base, 0);
    assert.match(k, /^pulumi-layers-[0-9a-f]{48}$/);
    assert.equal(createIdempotencyKey({ ...base }, 0), k);
    assert.equal(createIdempotencyKey({ ...base, name: "Ava", style: "street", deleteReason: "x", jobTimeoutSeconds: 5 }, 0), k);
  });
  it("differ per stack/name, project, create hints, reference images and generation", () => {
    const k = createIdempotencyKey(base, 0);
    const variants = [
      { ...base, idempotencySeed: "proj/feature-x/ava" },
      { ...base, projectId: "p2" },
      { ...base, gender: "male" },
      { ...base, prompt: "rocker" },
      { ...base, referenceImageAssetIds: ["med_A"] },
    ].map((v) => createIdempotencyKey(v, 0));
    variants.push(createIdempotencyKey(base, 1));
    assert.equal(new Set([k, ...variants]).size, variants.length + 1);
  });
});
