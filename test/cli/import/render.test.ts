// The generated program's text for records the emulator cannot produce: values the provider
// would refuse, hostile strings, empty fields. It must still compile and say what it did.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { InfluencerRecord } from "../../../provider/client";
import { planImport } from "../../../cli/import/plan";
import { renderProgram } from "../../../cli/import/render";
import { literal, stringLiteral } from "../../../cli/import/literal";
import { programDir, typecheck } from "./support";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";

const record = (n: number, extra: Partial<InfluencerRecord>): InfluencerRecord => ({
  influencerId: `inf_01J00000000000000000000${String(n).padStart(3, "0")}`,
  projectId: PROJECT, name: `P${n}`, gender: null, ageRange: null, ethnicity: null, bodyType: null, hairColor: null,
  hairStyle: null, style: null, vibe: null, voiceDescription: null, brandVoice: null, language: null, personality: null,
  referenceImages: [], thumbnailUrl: null, status: "ready",
  createdAt: `2026-01-01T00:00:0${n}.000Z`, updatedAt: "2026-01-01T00:00:00.000Z",
  ...extra,
});

describe("layers-import program text", function () {
  this.timeout(60_000);

  it("escapes strings so they read back exactly", () => {
    for (const s of ['a "quoted" \\ back', "line\nbreak\ttab", "sep\u2028para\u2029", "${not.interpolated}", "*/ // <!--"]) {
      // eslint-disable-next-line no-eval
      assert.equal((0, eval)(stringLiteral(s)), s);
      assert.ok(!/[\n\u2028\u2029]/.test(stringLiteral(s)), "one line");
    }
  });

  it("lays out short values on one line and long ones one item per line", () => {
    assert.equal(literal({ tone: "calm", traits: ["a", "b"] }), '{ tone: "calm", traits: ["a", "b"] }');
    assert.equal(literal({ "odd-key": 1 }), '{ "odd-key": 1 }');
    assert.equal(literal(["x".repeat(60), "y".repeat(60)], 1, 20), `[\n    "${"x".repeat(60)}",\n    "${"y".repeat(60)}",\n  ]`);
  });

  it("leaves undeclared, with the reason, a value the provider would refuse; keeps comments on one line; compiles", () => {
    const plan = planImport(PROJECT, {
      records: [
        record(1, { name: "Odd\nName */", language: "English (US)", style: "ok", thumbnailUrl: "http://x/t.svg\n// injected" }),
        record(2, { name: null, gender: "unspecified", personality: {} }),
        record(3, { status: "training" }), // ready when listed, generating when read
      ],
      notReady: [{ influencerId: "inf_01J00000000000000000000009", name: "Half\nmade", gender: null, ageRange: null, status: "failed", thumbnailUrl: null, createdAt: "2026-01-01T00:00:09.000Z" }],
    });
    const text = renderProgram(plan);
    assert.equal(plan.declarations.length, 2);
    assert.deepEqual(plan.declarations[0].dropped.map((d) => d.field), ["language"]);
    assert.ok(!/^\s*language:/m.test(text));
    assert.match(text, /\/\/ language is left undeclared, so Pulumi leaves it as it is: its value on Layers\n {2}\/\/ \("English \(US\)"\) fails the provider's rule: language: must be a BCP-47 language tag/);
    assert.match(text, /^\/\/ inf_01J00000000000000000000001 · ready · thumbnail: http:\/\/x\/t\.svg \/\/ injected$/m);
    assert.match(text, /^\/\/ - inf_01J00000000000000000000003 "P3" \(training\): still generating/m);
    assert.match(text, /^\/\/ - inf_01J00000000000000000000009 "Half\\nmade" \(failed\): its generation failed/m);
    assert.match(text, /const persona = new layers\.Influencer\("persona", \{\n {2}projectId,\n {2}adoptId: "inf_01J00000000000000000000002",\n {2}gender: "unspecified",\n {2}personality: \{\},\n\}\);/);
    assert.match(text, /const odd_?Name = new layers\.Influencer\("odd-name", \{/);

    const dir = programDir("layers-import-render-");
    try {
      fs.writeFileSync(path.join(dir, "index.ts"), text);
      assert.equal(typecheck(dir), "");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
