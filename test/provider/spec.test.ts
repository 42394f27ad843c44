// The package schema: one definition behind the plugin's GetSchema, the TypeScript types and
// the reference page. These tests fail when a generated file is stale, when something lacks
// a description, when a description does not state the rule check enforces, and when the
// real CLI finds the schema invalid.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { runPulumi } from "../../scripts/pulumi-cli";
import { inputSchema } from "../../provider/influencer/schema";
import { mediaInputSchema } from "../../provider/media/check";
import { inputJson, type PropertySpec } from "../../provider/spec/describe";
import { generatedFiles } from "../../provider/spec/generated-files";
import { packageSchema, spec } from "../../provider/spec/package";
import { requireCli, REPO_ROOT } from "../e2e/support/cli";

function everyProperty(): [string, PropertySpec][] {
  const out: [string, PropertySpec][] = [];
  const add = (where: string, props: Record<string, PropertySpec>) => {
    for (const [k, p] of Object.entries(props)) out.push([`${where}.${k}`, p]);
  };
  add("config", spec.config);
  for (const [t, r] of Object.entries(spec.resources)) {
    add(`${t} input`, r.inputs);
    add(`${t} output`, r.outputs);
  }
  for (const [t, f] of Object.entries(spec.functions)) {
    add(`${t} argument`, f.inputs);
    add(`${t} result`, f.outputs);
  }
  for (const [t, o] of Object.entries(spec.objects)) add(t, o.properties);
  return out;
}

describe("the package schema", () => {
  it("the committed generated files are what the schema generates (run `npm run gen` after changing provider/spec)", () => {
    for (const [file, text] of Object.entries(generatedFiles())) {
      assert.equal(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"), text, `${file} is stale`);
    }
  });

  it("describes every resource, function, type, setting and property", () => {
    const missing = everyProperty().filter(([, p]) => !p.description || p.description.length < 10).map(([k]) => k);
    assert.deepEqual(missing, []);
    for (const group of [spec.resources, spec.functions, spec.objects, spec.enums]) {
      for (const [token, item] of Object.entries(group)) assert.ok(item.description.length > 20, token);
    }
  });

  it("every input zod knows is in the schema, and each description states zod's limit", () => {
    const cases: [z.ZodObject, Record<string, PropertySpec>, string[]][] = [
      [inputSchema, spec.resources["layers:index:Influencer"].inputs, ["idempotencySeed"]],
      [mediaInputSchema, spec.resources["layers:index:Media"].inputs, ["idempotencySeed"]],
    ];
    for (const [schema, props, internal] of cases) {
      const json = inputJson(schema);
      assert.deepEqual(Object.keys(props).sort(), Object.keys(json).filter((k) => !internal.includes(k)).sort());
      for (const [key, p] of Object.entries(props)) {
        const max = json[key].maxLength as number | undefined;
        if (max !== undefined) assert.match(p.description, new RegExp(`\\b${max} characters`), `${key} states its ${max}-character limit`);
        for (const value of (json[key].enum as string[] | undefined) ?? []) assert.ok(p.description.includes(`\`${value}\``), `${key} lists ${value}`);
      }
    }
  });

  it("inputs that replace say so, and carry the schema's replaceOnChanges", () => {
    const influencer = packageSchema().resources as Record<string, { inputProperties: Record<string, { replaceOnChanges?: boolean; description: string }> }>;
    for (const [token, r] of Object.entries(influencer)) {
      for (const [key, p] of Object.entries(r.inputProperties)) {
        if (p.replaceOnChanges) assert.match(p.description, /replaces/, `${token}.${key}`);
      }
    }
    assert.ok(influencer["layers:index:Influencer"].inputProperties.projectId.replaceOnChanges);
  });

  it("marks the API key secret, in config and on the provider", () => {
    const schema = packageSchema() as { config: { variables: Record<string, { secret?: boolean }> }; provider: { inputProperties: Record<string, { secret?: boolean }> } };
    assert.equal(schema.config.variables.apiKey.secret, true);
    assert.equal(schema.provider.inputProperties.apiKey.secret, true);
  });

  describe("checked by the Pulumi CLI", function () {
    this.timeout(60_000);
    let dir: string;
    before(function () {
      requireCli(this);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-schema-"));
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    it("`pulumi schema check` accepts the schema, and refuses a broken copy (so the check is real)", async () => {
      const good = path.join(dir, "schema.json");
      fs.writeFileSync(good, JSON.stringify(packageSchema()));
      const ok = await runPulumi(["schema", "check", good], { cwd: dir, env: process.env });
      assert.equal(ok.code, 0, ok.stderr + ok.stdout);
      const broken = packageSchema() as { resources: Record<string, { properties: Record<string, unknown> }> };
      broken.resources["layers:index:Influencer"].properties.status = { $ref: "#/types/layers:index:NoSuchType" };
      const bad = path.join(dir, "broken.json");
      fs.writeFileSync(bad, JSON.stringify(broken));
      const refused = await runPulumi(["schema", "check", bad], { cwd: dir, env: process.env });
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr + refused.stdout, /NoSuchType/);
    });
  });
});
