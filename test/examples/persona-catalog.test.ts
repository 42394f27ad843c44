import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CatalogError, loadCatalog, parseCatalog } from "../../examples/persona-catalog/catalog";
import { assignBriefs, RoundRobinPicker } from "../../examples/persona-catalog/picker";
import { influencers, runProgram, REPO_ROOT } from "./support/mock-program";

const DIR = path.join(REPO_ROOT, "examples/persona-catalog");
const PROJECT = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";

/** The problems of an invalid catalog, as "line:col message". */
function problems(text: string): string[] {
  try {
    parseCatalog(text, "cat.yaml");
  } catch (e) {
    assert.ok(e instanceof CatalogError, String(e));
    return e.problems.map((p) => `${p.line}:${p.col} ${p.message}`);
  }
  assert.fail("expected a CatalogError");
}

describe("examples/persona-catalog", () => {
  describe("catalog loader", () => {
    it("loads the shipped personas.yaml: three personas with their fields, and the briefs", () => {
      const catalog = loadCatalog(path.join(DIR, "personas.yaml"));
      assert.deepStrictEqual(catalog.personas.map((p) => p.key), ["ava", "marcus", "sol"]);
      assert.deepStrictEqual(catalog.personas.map((p) => p.line), [5, 17, 27]);
      const sol = catalog.personas[2].fields;
      assert.strictEqual(sol.ageRange, "25-34");
      assert.deepStrictEqual(sol.personality, { traits: ["playful", "thoughtful"], humor: "absurdist" });
      assert.strictEqual(catalog.briefs.length, 4);
    });

    it("accepts JSON too", () => {
      const catalog = parseCatalog('{"personas": [{"key": "a", "name": "A", "gender": "male"}]}', "cat.json");
      assert.deepStrictEqual(catalog.personas[0].fields, { name: "A", gender: "male" });
    });

    it("points each bad value at its own line and column, all at once, in the provider's own words", () => {
      const text = [
        "personas:", //                               1
        "  - key: ava", //                            2
        "    gender: femme", //                       3
        "    hairColour: red", //                     4
        "    style: " + "x".repeat(300), //           5
        "    personality:", //                        6
        "      traits: [a, b]", //                    7
        "      mood: sunny", //                       8
        "  - name: No Key", //                        9
        "  - key: Bad_Key", //                        10
        "    language: english please", //           11
        "    referenceImageAssetIds: [med_nope]", //  12
      ].join("\n");
      assert.deepStrictEqual(problems(text), [
        '3:13 gender: must be one of "male", "female", "nonbinary", "non_binary", "unspecified" (got "femme")',
        '4:5 unknown field "hairColour" (did you mean "hairColor"?)',
        "5:12 style: must be at most 256 characters (got 300)",
        "8:7 personality.mood: unknown property; personality takes tone, humor, formality, speakingStyle, traits, values, interests, catchphrases",
        "9:5 missing `key` (the persona's unique resource name)",
        "10:10 key: must start with a lowercase letter and use only a-z, 0-9 and -",
        "11:15 language: must be a BCP-47 language tag such as en or pt-BR",
        "12:30 referenceImageAssetIds[0]: must be a media asset id (med_ followed by 26 characters)",
      ]);
    });

    it("reports a duplicate key with the line of its first use", () => {
      assert.deepStrictEqual(problems("personas:\n  - key: a\n  - key: b\n  - key: a\n"), [
        '4:10 duplicate key "a" (first used on line 2)',
      ]);
    });

    it("reports YAML syntax errors and a wrong shape with their lines", () => {
      const syntax = problems("personas:\n  - key: a\n    name: [unclosed\n");
      assert.strictEqual(syntax.length >= 1, true);
      assert.match(syntax[0], /^\d+:\d+ /);
      assert.deepStrictEqual(problems("- key: a\n"), ["1:1 the catalog must be a mapping with a `personas:` list"]);
      assert.deepStrictEqual(problems("personas: []\nextra: 1\n"), [
        "1:11 `personas` must be a non-empty list",
        '2:1 unknown top-level key "extra": expected personas or briefs',
      ]);
    });

    it("formats the error as file:line:col lines", () => {
      assert.throws(() => parseCatalog("personas:\n  - key: a\n    gender: x\n", "team/personas.yaml"), {
        name: "CatalogError",
        message: 'team/personas.yaml:3:13: gender: must be one of "male", "female", "nonbinary", "non_binary", "unspecified" (got "x")',
      });
    });
  });

  describe("round-robin picker", () => {
    it("cycles through the personas in order and wraps around", () => {
      const picker = new RoundRobinPicker(["a", "b", "c"]);
      assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7].map(() => picker.next()), ["a", "b", "c", "a", "b", "c", "a"]);
      assert.strictEqual(picker.cursor, 1);
    });

    it("resumes from a saved cursor (normalised into range)", () => {
      assert.strictEqual(new RoundRobinPicker(["a", "b", "c"], 2).next(), "c");
      assert.strictEqual(new RoundRobinPicker(["a", "b", "c"], 7).next(), "b");
      assert.strictEqual(new RoundRobinPicker(["a", "b", "c"], -1).next(), "c");
    });

    it("skips personas that are not eligible and fails clearly when none is", () => {
      const picker = new RoundRobinPicker([{ k: "a", ready: true }, { k: "b", ready: false }, { k: "c", ready: true }]);
      const ready = (p: { ready: boolean }) => p.ready;
      assert.deepStrictEqual([1, 2, 3].map(() => picker.next(ready).k), ["a", "c", "a"]);
      assert.throws(() => new RoundRobinPicker([{ ready: false }]).next(ready), /no item is eligible/);
      assert.throws(() => new RoundRobinPicker([]), /at least one/);
    });

    it("assignBriefs spreads briefs evenly and returns the cursor to continue from", () => {
      const { assignments, cursor } = assignBriefs(["b1", "b2", "b3", "b4", "b5"], ["ava", "marcus"], { cursor: 1 });
      assert.deepStrictEqual(assignments.map((a) => `${a.brief}:${a.persona}`), ["b1:marcus", "b2:ava", "b3:marcus", "b4:ava", "b5:marcus"]);
      assert.strictEqual(cursor, 0);
    });
  });

  describe("program", () => {
    it("declares one Influencer per catalog entry with the entry's fields", async () => {
      const run = await runProgram(DIR, { project: "persona-catalog", stack: "dev", config: { "persona-catalog:projectId": PROJECT } });
      const byName = influencers(run);
      assert.deepStrictEqual([...byName.keys()].sort(), ["ava", "marcus", "sol"]);
      assert.strictEqual(byName.get("sol")!.inputs.gender, "nonbinary");
      assert.strictEqual(byName.get("sol")!.inputs.projectId, PROJECT);
      assert.strictEqual(byName.get("marcus")!.inputs.language, undefined);
      const ids = run.exports.influencerIds as Record<string, string>;
      assert.deepStrictEqual(Object.keys(ids), ["ava", "marcus", "sol"]);
      const briefs = run.exports.briefAssignments as Array<{ brief: string; persona: string; influencerId: string }>;
      assert.deepStrictEqual(briefs.map((b) => b.persona), ["ava", "marcus", "sol", "ava"]);
      assert.strictEqual(briefs[3].influencerId, ids.ava);
    });

    it("stops before registering anything when the catalog is invalid, naming file and lines", async () => {
      const bad = path.relative(DIR, path.join(REPO_ROOT, "test/examples/fixtures/bad-personas.yaml"));
      let registered = -1;
      await assert.rejects(
        runProgram(DIR, {
          project: "persona-catalog",
          stack: "dev",
          config: { "persona-catalog:projectId": PROJECT, "persona-catalog:file": bad },
        }).then((r) => (registered = r.resources.length)),
        (e: Error) => {
          assert.ok(pulumi.RunError.isInstance(e), "a RunError: Pulumi prints it without a stack trace");
          assert.match(e.message, /bad-personas\.yaml:4:13: gender: must be one of/);
          assert.match(e.message, /bad-personas\.yaml:5:10: duplicate key "ava" \(first used on line 2\)/);
          return true;
        },
      );
      assert.strictEqual(registered, -1);
    });
  });
});
