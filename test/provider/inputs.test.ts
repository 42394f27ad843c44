// Parsing what the provider host hands the lifecycle: the program's inputs (typed, with
// unknowns during preview) and stored outputs (read leniently, whatever version wrote them).
import { strict as assert } from "node:assert";
import { parseInputs, parsePlannedInputs } from "../../provider/influencer/inputs";
import { parseState } from "../../provider/influencer/state";
import { UNKNOWN, UNKNOWN_INPUT } from "../../provider/core/validation";
import { parseMediaInputs, parsePlannedMediaInputs } from "../../provider/media/check";
import { parseMediaState } from "../../provider/media/state";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
const ASSET = "med_01HX9Y6K7EJ4T2ABCDEFGHJKMN";

describe("parsing inputs", () => {
  it("drops __provider and undeclared (null, undefined) fields, and hands on the declared values themselves", () => {
    const personality = { traits: ["warm"], tone: "dry" };
    const parsed = parseInputs({ __provider: "text", projectId: PROJECT, name: "Ava", style: null, vibe: undefined, personality, jobTimeoutSeconds: 60 });
    assert.deepEqual(Object.keys(parsed), ["projectId", "name", "personality", "jobTimeoutSeconds"]);
    assert.equal(parsed.personality, personality, "not a rebuilt copy: what is sent and stored keeps its form");
  });

  it("refuses a wrong shape, naming the field and the rule", () => {
    assert.throws(() => parseInputs({ projectId: PROJECT, name: 5 }), /name: must be a string \(got number 5\)/);
    assert.throws(() => parseInputs({ projectId: PROJECT, personality: { tone: ["a"] } }), /personality\.tone: must be a string/);
    assert.throws(() => parseInputs({ projectId: PROJECT, gender: "robot" }), /gender: must be one of/);
    assert.throws(() => parseInputs({ projectId: PROJECT, colour: "red" }), /colour: unknown property/);
    assert.throws(() => parseInputs({ name: "Ava" }), /projectId: must be a string/);
  });

  it("leaves rules (lengths, id formats) to check, which reports them before any call", () => {
    assert.equal(parseInputs({ projectId: "p1", adoptId: "inf_X" }).adoptId, "inf_X");
  });

  it("in a preview, reads a field that is or holds an unknown as UNKNOWN_INPUT, the rest as declared", () => {
    const planned = parsePlannedInputs({
      __provider: UNKNOWN, projectId: UNKNOWN, name: "Ava", personality: { traits: [UNKNOWN] }, referenceImageAssetIds: [ASSET, UNKNOWN], style: null,
    });
    assert.deepEqual(planned, { projectId: UNKNOWN_INPUT, name: "Ava", personality: UNKNOWN_INPUT, referenceImageAssetIds: UNKNOWN_INPUT });
    assert.throws(() => parsePlannedInputs({ projectId: UNKNOWN, name: 5 }), /name: must be a string/);
    assert.throws(() => parsePlannedInputs({ projectId: UNKNOWN, colour: "red" }), /colour: unknown property/);
  });

  it("media inputs carry what check read from the file; unknowns as for an Influencer", () => {
    const checked = { __provider: "text", projectId: PROJECT, file: "a.png", sha256: "ab", sizeBytes: 3, contentType: "image/png" };
    assert.deepEqual(parseMediaInputs(checked), { projectId: PROJECT, file: "a.png", sha256: "ab", sizeBytes: 3, contentType: "image/png" });
    assert.throws(() => parseMediaInputs({ projectId: PROJECT, url: "https://x/a.png", width: 3 }), /width: unknown property; Media takes projectId, file, url, contentType/);
    assert.deepEqual(parsePlannedMediaInputs({ projectId: PROJECT, file: UNKNOWN }), { projectId: PROJECT, file: UNKNOWN_INPUT });
  });
});

describe("parsing stored state", () => {
  it("reads the outputs a create wrote, handing on the stored values themselves", () => {
    const stored = {
      __provider: "text", influencerId: "inf_1", projectId: PROJECT, status: "ready", name: "Ava", personality: null,
      referenceImages: [{ assetId: ASSET, url: "u", thumbnailUrl: null, addedAt: "t" }], declaredFields: ["name"], deleteReason: "bye",
    };
    const state = parseState(stored);
    assert.deepEqual([state.projectId, state.status, state.deleteReason, state.declaredFields], [PROJECT, "ready", "bye", ["name"]]);
    assert.equal(state.referenceImages?.[0], stored.referenceImages[0]);
  });

  it("reads a field of the wrong shape as absent instead of refusing the state", () => {
    const state = parseState({ projectId: PROJECT, deleteReason: 5, declaredFields: "name", referenceImages: [{ url: "no id" }], status: "ready" });
    assert.deepEqual([state.deleteReason, state.declaredFields, state.referenceImages, state.status], [undefined, undefined, undefined, "ready"]);
    assert.deepEqual(parseState({}), {});
  });

  it("keeps fields whose values break today's rules, and declared fields a newer version may know", () => {
    const state = parseState({ projectId: "p1", deleteReason: "x".repeat(600), declaredFields: ["name", "futureField"] });
    assert.deepEqual([state.projectId, state.deleteReason?.length, state.declaredFields], ["p1", 600, ["name", "futureField"]]);
  });

  it("reads Media state the same way", () => {
    const state = parseMediaState({ assetId: ASSET, projectId: PROJECT, contentType: null, sha256: null, sizeBytes: "big" });
    assert.deepEqual([state.assetId, state.contentType, state.sha256, state.sizeBytes], [ASSET, null, null, undefined]);
  });
});
