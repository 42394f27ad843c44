import * as assert from "assert";
import { influencerRecordSchema, jobSchema, listPageSchema, jobEnvelopeSchema, deleteResultSchema } from "../../provider/client";

const record = {
  influencerId: "inf_01HXZ9G7KMV2QX8Y1S5RJW3B7T",
  projectId: "0f8e5a43-5c4b-4e3f-9a57-1f2b3c4d5e6f",
  name: "Ava Chen",
  gender: "female",
  ageRange: "young_adult",
  ethnicity: null,
  bodyType: null,
  hairColor: null,
  hairStyle: null,
  style: null,
  vibe: null,
  voiceDescription: null,
  brandVoice: null,
  language: "en-US",
  personality: { traits: ["curious"], tone: "warm" },
  referenceImages: [{ assetId: "med_1", url: "https://x/1.png", thumbnailUrl: null, addedAt: "2025-01-01T00:00:00Z" }],
  thumbnailUrl: null,
  status: "ready",
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
};

describe("client schemas", () => {
  it("accepts the contract's influencer record", () => {
    assert.deepStrictEqual(influencerRecordSchema.parse(record), record);
  });

  it("drops unknown extra fields, also nested ones", () => {
    const parsed = influencerRecordSchema.parse({
      ...record,
      newServerField: 1,
      personality: { ...record.personality, mood: "x" },
      referenceImages: [{ ...record.referenceImages[0], width: 512 }],
    });
    assert.deepStrictEqual(parsed, record);
  });

  it("passes unknown status strings through (draft, or something newer)", () => {
    assert.strictEqual(influencerRecordSchema.parse({ ...record, status: "draft" }).status, "draft");
    assert.strictEqual(jobSchema.parse({ jobId: "job_1", kind: "influencer_create", status: "paused", createdAt: "t", updatedAt: "t" }).status, "paused");
  });

  it("reads an omitted persona field as null", () => {
    const { vibe: _vibe, personality: _p, referenceImages: _r, ...rest } = record;
    const parsed = influencerRecordSchema.parse(rest);
    assert.strictEqual(parsed.vibe, null);
    assert.strictEqual(parsed.personality, null);
    assert.deepStrictEqual(parsed.referenceImages, []);
  });

  it("rejects a wrong type on a known field", () => {
    assert.ok(!influencerRecordSchema.safeParse({ ...record, name: 42 }).success);
    assert.ok(!influencerRecordSchema.safeParse({ ...record, personality: { traits: "curious" } }).success);
    assert.ok(!influencerRecordSchema.safeParse({ ...record, influencerId: undefined }).success);
    assert.ok(!listPageSchema.safeParse({ items: [{ influencerId: 1 }], nextCursor: null }).success);
  });

  it("parses job, envelope, list page and delete result", () => {
    const job = jobSchema.parse({
      jobId: "job_1",
      kind: "influencer_create",
      status: "failed",
      influencerId: "inf_1",
      error: { code: "GENERATION_FAILED", message: "boom" },
      createdAt: "t",
      updatedAt: "t",
      completedAt: "t",
    });
    assert.deepStrictEqual(job.error, { code: "GENERATION_FAILED", message: "boom" });
    assert.strictEqual(jobEnvelopeSchema.parse({ jobId: "job_1", kind: "influencer_create", status: "running", influencerId: "inf_1", locationUrl: "/v1/jobs/job_1" }).influencerId, "inf_1");
    assert.strictEqual(listPageSchema.parse({ items: [] }).nextCursor, null);
    assert.ok(!deleteResultSchema.safeParse({ influencerId: "inf_1", status: "ready", deletedAt: "t" }).success);
  });
});
