// The drift report without a CLI: buildReport over engine events recorded from real
// `pulumi preview --refresh` runs (test/drift/fixtures, recorded by drift-cli.test.ts with
// RECORD_DRIFT_FIXTURES=1, Pulumi v3.276.0 against the emulator), and the rendering.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseDriftArgs } from "../../cli/drift/main";
import { CheckError, failureReason, redact } from "../../cli/drift/preview";
import { cell, describeValue, renderErrorMarkdown, renderJson, renderMarkdown } from "../../cli/drift/render";
import { buildReport, INFLUENCER_TYPE, sanitizeEvents, type EngineEvent } from "../../cli/drift/report";

const FIXTURES = path.join(__dirname, "fixtures");
const events = (name: string): EngineEvent[] => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.events.json`), "utf8"));
const recordedMarkdown = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.md`), "utf8");

/** A synthetic step event, shaped like the engine's. */
function step(op: string, name: string, old: Record<string, unknown> | null, news: Record<string, unknown> | null): EngineEvent {
  return {
    resourcePreEvent: {
      metadata: {
        op,
        urn: `urn:pulumi:dev::p::${INFLUENCER_TYPE}::${name}`,
        type: INFLUENCER_TYPE,
        old: old && { id: old.influencerId as string, inputs: (old.inputs as Record<string, unknown>) ?? {}, outputs: old },
        new: news && { inputs: news },
      },
    },
  };
}
const PROJECT = "5f0c2d7e-9a41-4b6c-8e3f-1d2a3b4c5d6e";
const outputs = (extra: Record<string, unknown> = {}) => ({
  influencerId: "inf_01ARZ3NDEKTSV4RRFFQ69G5FAV",
  projectId: PROJECT,
  name: "Iris Vega",
  status: "ready",
  style: "minimal",
  thumbnailUrl: "https://cdn.layers.com/t.png",
  referenceImages: [],
  declaredFields: ["name", "style"],
  inputs: { projectId: PROJECT, name: "Iris Vega", style: "minimal" },
  ...extra,
});

describe("drift report: recorded preview output", () => {
  it("no drift: nothing reported, both personas counted", () => {
    const report = buildReport("dev", events("no-drift"));
    assert.equal(report.drift, false);
    assert.equal(report.unchanged, 2);
    assert.deepEqual(report.personas, []);
    assert.match(renderMarkdown(report), /^## ✅ No persona drift in stack `dev`\n\n2 personas checked/);
  });

  it("a field changed in Layers: the persona, its id, thumbnail, and each field's two values", () => {
    const report = buildReport("dev", events("field-changed"));
    assert.equal(report.drift, true);
    assert.equal(report.unchanged, 1);
    assert.equal(report.personas.length, 1);
    const p = report.personas[0];
    assert.equal(p.resource, "spokesperson");
    assert.equal(p.name, "Iris Vega");
    assert.match(String(p.influencerId), /^inf_[0-9A-Z]{26}$/);
    assert.match(String(p.thumbnailUrl), new RegExp(`/media/influencers/${p.influencerId}/thumbnail\\.svg$`));
    assert.equal(p.kind, "changed");
    assert.deepEqual(p.fields, [
      { field: "style", program: "bold primary colours, tailored blazers", layers: "neon cyberpunk", changedIn: "layers" },
      {
        field: "personality",
        program: { tone: "confident", traits: ["precise", "warm"], values: ["clarity"] },
        layers: { tone: "brash", traits: ["loud"] },
        changedIn: "layers",
      },
    ]);
    assert.equal(p.replaces, false);
    const md = renderMarkdown(report);
    assert.match(md, /^## ⚠️ Persona drift in stack `dev`\n\n1 persona of 2 differs/);
    assert.match(md, /\| `style` \| bold primary colours, tailored blazers \| neon cyberpunk \| Layers \|/);
    assert.match(md, /\| `personality` \| tone: confident; traits: precise, warm; values: clarity \| tone: brash; traits: loud \| Layers \|/);
    assert.match(md, /<img src="http:\/\/127\.0\.0\.1:\d+\/media\/influencers\/inf_\w+\/thumbnail\.svg" width="40"/);
    assert.match(md, /\*\*What to do:\*\* run `pulumi up --refresh`/);
  });

  it("a reference image declared and not bound: 'reference image missing' with its id", () => {
    const report = buildReport("dev", events("reference-image-missing"));
    const host = report.personas.find((p) => p.resource === "host")!;
    assert.equal(host.kind, "changed");
    assert.deepEqual(host.fields, [], "the asset ids are not a persona field of their own");
    assert.equal(host.missingReferenceImages.length, 1);
    assert.match(host.missingReferenceImages[0], /^med_/);
    const md = renderMarkdown(report);
    assert.match(md, /\*\*Kai Moreau\*\*<br>`inf_\w+` \| 1 reference image missing \|/);
    assert.ok(md.includes(`**Reference image missing:** \`${host.missingReferenceImages[0]}\``));
  });

  it("a persona deleted outside Pulumi: its name, id and thumbnail from the state before the refresh", () => {
    const report = buildReport("dev", events("deleted"));
    const host = report.personas.find((p) => p.resource === "host")!;
    assert.equal(host.kind, "deleted");
    assert.equal(host.name, "Kai Moreau");
    assert.match(String(host.influencerId), /^inf_/);
    assert.match(String(host.thumbnailUrl), /thumbnail\.svg$/);
    const md = renderMarkdown(report);
    assert.match(md, /\| deleted outside Pulumi \|/);
    assert.match(md, /\*\*Deleted outside Pulumi\.\*\* It is gone from Layers but still in the stack: `pulumi up --refresh` creates a new persona/);
    assert.match(md, /A plain `pulumi up` does not see the deletion/);
    assert.doesNotMatch(md, /`pulumi up` (creates|re-creates)/, "a plain up never repairs drift");
  });

  it("a wrong key: the one-line reason is the API's 401, not the CLI's generic failure", () => {
    const reason = failureReason(events("wrong-key"), "Resources:\n");
    assert.match(reason, /^GET \/v1\/influencers\/inf_\w+ -> 401 UNAUTHENTICATED: Missing or invalid API key\./);
    assert.ok(!reason.includes("\n"));
  });

  it("renders the recorded runs exactly as the real CLI run printed them", () => {
    for (const name of ["no-drift", "field-changed", "reference-image-missing", "deleted"]) {
      assert.equal(`${renderMarkdown(buildReport("dev", events(name)))}\n`, recordedMarkdown(name), name);
    }
  });
});

describe("drift report: cases built by hand", () => {
  it("a field changed in the program (not applied yet) says so", () => {
    const report = buildReport("dev", [step("update", "a", outputs(), { projectId: PROJECT, name: "Iris Vega", style: "maximal" })]);
    assert.deepEqual(report.personas[0].fields, [{ field: "style", program: "maximal", layers: "minimal", changedIn: "program" }]);
    assert.match(renderMarkdown(report), /\| `style` \| maximal \| minimal \| the program \|/);
  });

  it("a declared field no longer declared: program value 'not set'", () => {
    const report = buildReport("dev", [step("update", "a", outputs(), { projectId: PROJECT, name: "Iris Vega" })]);
    assert.deepEqual(report.personas[0].fields.map((f) => [f.field, f.program, f.layers]), [["style", null, "minimal"]]);
    assert.match(renderMarkdown(report), /\| `style` \| \*not set\* \| minimal \|/);
  });

  it("a replacement is reported once, marked as replacing; a failed persona says generation failed", () => {
    const failed = outputs({ status: "failed", prompt: "a", inputs: { projectId: PROJECT, name: "Iris Vega", style: "minimal", prompt: "a" } });
    const news = { projectId: PROJECT, name: "Iris Vega", style: "minimal", prompt: "a" };
    const report = buildReport("dev", [step("replace", "a", failed, news), step("create-replacement", "a", failed, news), step("delete-replaced", "a", failed, null)]);
    assert.equal(report.personas.length, 1);
    assert.equal(report.personas[0].replaces, true);
    assert.equal(report.personas[0].failed, true);
    const md = renderMarkdown(report);
    assert.match(md, /generation failed \(pulumi up --refresh replaces it\)/);
    assert.match(md, /\*\*Generation failed\*\* for this persona: `pulumi up --refresh` replaces it/);
  });

  it("a replacement that is not a failed generation: `pulumi up --refresh` would replace it", () => {
    const news = { projectId: "0b7d5a1e-2c3f-4e6a-9b8c-7d6e5f4a3b2c", name: "Iris Vega", style: "minimal" };
    const report = buildReport("dev", [step("replace", "a", outputs(), news)]);
    assert.equal(report.personas[0].replaces, true);
    assert.equal(report.personas[0].failed, false);
    const md = renderMarkdown(report);
    assert.match(md, /projectId \(pulumi up --refresh replaces it\)/);
    assert.match(md, /\n`pulumi up --refresh` would \*\*replace\*\* this persona \(new id\)\.\n/);
  });

  it("a persona new in the program and one removed from it are changes, not field drift", () => {
    const report = buildReport("dev", [step("create", "fresh", null, { projectId: PROJECT, name: "New One" }), step("delete", "gone", outputs(), null)]);
    assert.deepEqual(report.personas.map((p) => [p.resource, p.kind]), [["fresh", "new"], ["gone", "removed"]]);
    const md = renderMarkdown(report);
    assert.match(md, /declared in the program, not created yet/);
    assert.match(md, /removed from the program \(pulumi up deletes it\)/);
  });

  it("unknown values preview as '(known after apply)'; other resource types are listed apart", () => {
    const report = buildReport("dev", [
      step("update", "a", outputs(), { projectId: PROJECT, name: "Iris Vega", style: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
      { resourcePreEvent: { metadata: { op: "update", urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket" } } },
      { resourcePreEvent: { metadata: { op: "update", urn: "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::default", type: "pulumi:providers:pulumi-nodejs" } } },
    ]);
    assert.equal(report.personas[0].fields[0].program, "(known after apply)");
    assert.deepEqual(report.otherChanges, [{ urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", op: "update" }]);
    assert.match(renderMarkdown(report), /### Other resources the preview would change\n\n- `update` `urn:pulumi:dev::p::aws:s3\/bucket:Bucket::b`/);
  });

  it("values from Layers cannot break the table or inject HTML", () => {
    assert.equal(cell("a|b\n<script>&"), "a\\|b<br>&lt;script&gt;&amp;");
    const report = buildReport("dev", [step("update", "a", outputs({ style: "x | <img src=x onerror=alert(1)>" }), { projectId: PROJECT, name: "Iris Vega", style: "minimal" })]);
    const md = renderMarkdown(report);
    assert.ok(!md.includes("<img src=x"), md);
    assert.match(md, /x \\\| &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.equal(describeValue({ traits: [], tone: null }), "traits: *none*");
    assert.equal(describeValue("v".repeat(1024)), `${"v".repeat(300)}…`);
  });

  it("JSON: status, personas and a version; an error is one reason", () => {
    const report = buildReport("dev", events("field-changed"));
    const json = JSON.parse(renderJson(report));
    assert.equal(json.version, 1);
    assert.equal(json.status, "drift");
    assert.equal(json.personas[0].fields[0].field, "style");
    assert.deepEqual(JSON.parse(renderJson({ stack: "dev", error: "boom" })), { version: 1, stack: "dev", status: "error", reason: "boom" });
    assert.match(renderErrorMarkdown("dev", "GET x -> 401"), /check failed for stack `dev`[\s\S]*GET x -&gt; 401/);
  });

  it("secrets are taken out of everything printed; recorded events keep no provider code", () => {
    assert.equal(redact("key sk-abcdef123 and lyr_live_0123456789abc", ["sk-abcdef123"]), "key [secret] and [secret]");
    const sanitized = JSON.stringify(sanitizeEvents(events("field-changed")));
    assert.ok(!sanitized.includes("__provider"));
    assert.ok(!sanitized.includes("lyr_test_emulator"));
  });

  it("arguments: --stack is required, unknown flags are refused, --cwd is resolved", () => {
    assert.throws(() => parseDriftArgs([]), (e: Error) => e instanceof CheckError && /--stack NAME is required/.test(e.message));
    assert.throws(() => parseDriftArgs(["--stack", "dev", "--bogus"]), /unknown option --bogus/);
    assert.deepEqual(parseDriftArgs(["--stack=prod", "--cwd", "examples", "--json"]), { stack: "prod", cwd: path.resolve("examples"), json: true, eventsFile: undefined });
    assert.equal(parseDriftArgs(["--help"]), "help");
  });
});
