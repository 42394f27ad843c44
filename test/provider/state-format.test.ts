// The keys an Influencer's state holds are a compatibility contract: every existing stack
// was written in this shape, and refresh, update and delete read it back.
import { strict as assert } from "node:assert";
import { createInfluencer } from "../../provider/influencer/create";
import { updateInfluencer } from "../../provider/influencer/update";
import { FakeClient } from "./fake-client";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: "text", projectId: PROJECT, idempotencySeed: "proj/dev/ava", prompt: "barista", name: "Ava", style: "street", deleteReason: "bye", ...extra,
});

describe("Influencer state format", () => {
  it("create writes the keys existing state holds: the record, the persona, the recorded inputs, declaredFields", async () => {
    const ctx = { client: new FakeClient(PROJECT).asClient(), jobTimeoutSeconds: 5 };
    const { outs } = await createInfluencer(ctx, inputs({ jobTimeoutSeconds: 60 }));
    assert.deepEqual(Object.keys(outs), [
      "influencerId", "projectId", "status", "thumbnailUrl", "referenceImages", "createdAt", "updatedAt",
      "name", "gender", "ageRange", "ethnicity", "bodyType", "hairColor", "hairStyle", "style", "vibe",
      "voiceDescription", "brandVoice", "language", "personality",
      "prompt", "deleteReason", "jobTimeoutSeconds", "idempotencySeed", "declaredFields",
    ]);
  });

  it("an update with no API call writes the stored outputs back as they were, but for what changed", async () => {
    const fake = new FakeClient(PROJECT);
    const ctx = { client: fake.asClient(), jobTimeoutSeconds: 5 };
    const { id, outs } = await createInfluencer(ctx, inputs());
    const calls = fake.calls.length;
    const next = await updateInfluencer(ctx, id, { ...outs, __provider: "text" }, inputs({ deleteReason: "retired" }));
    assert.equal(fake.calls.length, calls);
    assert.deepEqual(next, { ...outs, deleteReason: "retired" });
  });
});
