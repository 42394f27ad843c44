import { strict as assert } from "node:assert";
import { inputSchema, validateInputs } from "../../provider/influencer/schema";
import { INPUT_KEYS } from "../../provider/influencer/fields";
import { containsUnknown, UNKNOWN } from "../../provider/core/validation";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
const reasons = (inputs: Record<string, unknown>) => validateInputs(inputs).map((f) => `${f.property} | ${f.reason}`);

describe("check: input validation", () => {
  it("accepts a full, valid persona with either non-binary spelling", () => {
    for (const gender of ["non_binary", "nonbinary", "unspecified", "male"]) {
      assert.deepEqual(
        validateInputs({
          projectId: PROJECT, name: "Ava Chen", gender, ageRange: "25-34", prompt: "barista energy",
          language: "pt-BR", style: "minimalist", personality: { traits: ["warm"], tone: "conversational", catchphrases: ["Ship it."] },
          referenceImageAssetIds: ["med_01HX9Y6K7EJ4T2ABCDEFGHJKMN"], deleteReason: "retired", jobTimeoutSeconds: 60,
        }),
        [],
      );
    }
  });

  it("names the field and the rule for each bad field, one failure per field", () => {
    const out = reasons({
      projectId: "not-a-uuid", name: "x".repeat(129), gender: "robot", prompt: "", hairColor: "h".repeat(65),
      language: "english please", jobTimeoutSeconds: -1,
    });
    assert.equal(out.length, 7, out.join("\n"));
    assert.ok(out.includes("projectId | projectId: must be a Layers project id (a UUID)"));
    assert.ok(out.includes("name | name: must be at most 128 characters (got 129)"));
    assert.ok(out.some((r) => r.startsWith("gender | gender: must be one of \"male\"") && r.includes('(got "robot")')));
    assert.ok(out.includes("prompt | prompt: must not be empty"));
    assert.ok(out.includes("hairColor | hairColor: must be at most 64 characters (got 65)"));
    assert.ok(out.some((r) => r.startsWith("language | language: must be a BCP-47 language tag")));
    assert.ok(out.some((r) => r.startsWith("jobTimeoutSeconds | jobTimeoutSeconds: must be greater than 0")));
  });

  it("checks personality's keys, string and list limits with the nested path", () => {
    const out = reasons({
      projectId: PROJECT,
      personality: { humorStyle: "dry", tone: "t".repeat(257), traits: Array(21).fill("a"), values: ["v".repeat(65)] },
    });
    assert.ok(out.some((r) => r.startsWith("personality.humorStyle | personality.humorStyle: unknown property; personality takes tone")), out.join("\n"));
    assert.ok(out.includes("personality.tone | personality.tone: must be at most 256 characters (got 257)"));
    assert.ok(out.includes("personality.traits | personality.traits: must have at most 20 items (got 21)"));
    assert.ok(out.includes("personality.values[0] | personality.values[0]: must be at most 64 characters (got 65)"));
  });

  it("rejects unknown properties, a missing projectId, bad and duplicate asset ids, wrong types", () => {
    const out = reasons({ colour: "red", name: 5, referenceImageAssetIds: ["asset_1", "med_01HX9Y6K7EJ4T2ABCDEFGHJKMN", "med_01HX9Y6K7EJ4T2ABCDEFGHJKMN"] });
    assert.ok(out.some((r) => r.startsWith("projectId | projectId is required")), out.join("\n"));
    assert.ok(out.some((r) => r.startsWith("colour | colour: unknown property; Influencer takes projectId, prompt, name")));
    assert.ok(out.includes("name | name: must be a string (got number 5)"));
    assert.ok(out.some((r) => r.startsWith("referenceImageAssetIds[0] | referenceImageAssetIds[0]: must be a media asset id")));
    assert.ok(out.includes("referenceImageAssetIds | referenceImageAssetIds: must not list the same asset id twice"));
  });

  it("tolerates values unknown during preview, at the top level and nested", () => {
    assert.deepEqual(validateInputs({ projectId: UNKNOWN, name: UNKNOWN, personality: { traits: [UNKNOWN] }, referenceImageAssetIds: UNKNOWN }), []);
    assert.ok(containsUnknown({ a: [{ b: UNKNOWN }] }));
    assert.ok(!containsUnknown({ a: ["known"] }));
    // a known bad field next to unknown ones still fails
    assert.deepEqual(reasons({ projectId: UNKNOWN, name: "" }), ["name | name: must not be empty"]);
  });

  it("treats null and undefined as not declared", () => {
    assert.deepEqual(validateInputs({ projectId: PROJECT, name: null, style: undefined }), []);
  });

  // The list the package exports without loading zod (INFLUENCER_INPUT_KEYS) is the schema's,
  // in its order, which is the order "Influencer takes …" names them in. The type check holds
  // the set; this holds the order.
  it("the zod-free input key list is the schema's keys, in the schema's order", () => {
    assert.deepEqual(INPUT_KEYS, Object.keys(inputSchema.shape).filter((k) => k !== "idempotencySeed"));
  });
});
