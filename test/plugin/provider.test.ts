// The plugin's own decisions, without the engine: which config a provider uses, what
// CheckConfig refuses, how a lifecycle diff becomes the engine's detailed diff, what a
// preview's create answers, and the schema it serves. The real engine runs it in
// test/e2e/plugin.
import { strict as assert } from "node:assert";
import { CONFIG_KEYS, checkConfig, configValues, isDefaultProvider, settingsFrom } from "../../provider/plugin/config";
import { LayersProvider } from "../../provider/plugin/provider";
import { detailedDiff, plannedOutputs } from "../../provider/plugin/resources";
import { UNKNOWN } from "../../provider/core/validation";
import { parseUrn } from "../../provider/plugin/values";

const URN = "urn:pulumi:dev::proj::layers:index:Influencer::ava";

describe("the provider plugin, without the engine", () => {
  describe("configuration", () => {
    const current = JSON.stringify({ apiKey: "rotated", baseUrl: "http://127.0.0.1:4010" });

    it("the default provider reads this run's stack config (PULUMI_CONFIG), not the config recorded at the last up", () => {
      const recorded = { apiKey: "old", baseUrl: "http://127.0.0.1:4010" };
      assert.equal(configValues(recorded, {}, true, { PULUMI_CONFIG: current }).apiKey, "rotated");
      // Removed from the stack config: the recorded key is not used either (the environment may supply one).
      assert.equal(configValues(recorded, {}, true, { PULUMI_CONFIG: "{}" }).apiKey, undefined);
    });

    it("an explicit provider uses its own inputs, whatever the stack config says", () => {
      assert.equal(configValues({ apiKey: "org-b" }, {}, false, { PULUMI_CONFIG: current }).apiKey, "org-b");
    });

    it("without args, the variables the engine passes (layers:config:*)", () => {
      assert.equal(configValues(undefined, { "layers:config:apiKey": "k" }, false, {}).apiKey, "k");
    });

    it("settings fall back to LAYERS_* and then the defaults; numbers arrive as strings", () => {
      const s = settingsFrom({ jobTimeoutSeconds: "60" }, { LAYERS_API_KEY: "env-key" });
      assert.deepEqual(s, { apiKey: "env-key", baseUrl: "https://api.layers.com", jobTimeoutSeconds: 60 });
    });

    it("CheckConfig names a bad baseUrl or timeout by key, and lets unknowns through", () => {
      const { failures } = checkConfig({ baseUrl: "api.layers.com", jobTimeoutSeconds: "-1" });
      assert.deepEqual(failures.map((f) => f.property), ["baseUrl", "jobTimeoutSeconds"]);
      assert.match(failures[0].reason, /layers:baseUrl must be an http\(s\) URL/);
      assert.deepEqual(checkConfig({ baseUrl: UNKNOWN }).failures, []);
    });

    it("a missing key fails Configure of the default provider (once for the run)", async () => {
      const provider = new LayersProvider();
      const saved = { key: process.env.LAYERS_API_KEY, config: process.env.PULUMI_CONFIG };
      process.env.LAYERS_API_KEY = "";
      delete process.env.PULUMI_CONFIG;
      try {
        await assert.rejects(provider.configure({ args: { baseUrl: "http://127.0.0.1:1" }, variables: {}, name: "default" }), /The Layers API key is not set/);
      } finally {
        process.env.LAYERS_API_KEY = saved.key ?? "";
        if (saved.config !== undefined) process.env.PULUMI_CONFIG = saved.config;
      }
    });

    it("the default provider is the engine's (pulumi:providers:layers::default or default_<version>), not an explicit one named default-…", () => {
      const urn = (name: string, type = "pulumi:providers:layers") => `urn:pulumi:dev::app::${type}::${name}`;
      assert.equal(isDefaultProvider({ urn: urn("default") }), true);
      assert.equal(isDefaultProvider({ urn: urn("default_0_2_0") }), true);
      assert.equal(isDefaultProvider({ urn: urn("default-acme") }), false);
      assert.equal(isDefaultProvider({ urn: urn("org-b") }), false);
      assert.equal(isDefaultProvider({ urn: urn("default", "pulumi:providers:aws") }), false);
      assert.equal(isDefaultProvider({}), true, "an engine that names no provider configures default ones only");
    });

    it("a changed key or endpoint updates the provider, never replaces it", () => {
      const d = new LayersProvider().diffConfig({ apiKey: "a", baseUrl: "x" }, { apiKey: "b", baseUrl: "x" });
      assert.deepEqual({ changes: d.changes, replaces: d.replaces, detailedDiff: d.detailedDiff }, { changes: true, replaces: [], detailedDiff: { apiKey: "update" } });
      assert.equal(CONFIG_KEYS.length, 3);
    });
  });

  describe("diffs and previews", () => {
    it("the detailed diff says add, delete or update, and which replace", () => {
      const olds = { style: "a", name: "Ava", vibe: null, projectId: "p1", status: "failed" };
      const news = { style: "b", vibe: "calm", projectId: "p2" };
      assert.deepEqual(detailedDiff(["style", "vibe", "name", "projectId", "status"], ["projectId", "status"], olds, news), {
        style: "update",
        vibe: "add",
        name: "delete",
        projectId: "updateReplace",
        status: "updateReplace",
      });
    });

    it("a replacement deletes first (the answer says so always: the engine reads it only when it replaces); no change is DIFF_NONE", async () => {
      const provider = new LayersProvider();
      const olds = { influencerId: "inf_01ABCDEFGHJKMNPQRSTVWXYZ00", projectId: "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39", status: "ready", name: "Ava", declaredFields: ["name"] };
      const same = await provider.diff("inf_x", URN, olds, { projectId: olds.projectId, name: "Ava" });
      assert.equal(same.changes, false);
      const moved = await provider.diff("inf_x", URN, olds, { projectId: "9b2f7c1e-0000-4000-8000-000000000000", name: "Ava" });
      assert.deepEqual(moved.replaces, ["projectId"]);
      assert.equal(moved.deleteBeforeReplace, true);
      assert.deepEqual(moved.detailedDiff, { projectId: "updateReplace" });
    });

    it("a preview's create calls nothing: the inputs, and every other output unknown", async () => {
      const planned = plannedOutputs(URN, { projectId: "p", name: "Ava" });
      assert.equal(planned.name, "Ava");
      assert.equal(planned.influencerId, UNKNOWN);
      assert.equal(planned.status, UNKNOWN);
      // No configure happened: a real create would need the key; the preview does not.
      assert.deepEqual(await new LayersProvider().create(URN, { projectId: "p" }, true).then((r) => r.id), "");
    });

    it("an unknown type is refused, naming the ones there are", async () => {
      await assert.rejects(new LayersProvider().diff("x", "urn:pulumi:dev::proj::layers:index:Nope::n", {}, {}), /has no resource type layers:index:Nope \(it has layers:index:Influencer, layers:index:Media\)/);
    });

    it("URNs give project, stack, type and name (a parent's type chain dropped)", () => {
      assert.deepEqual(parseUrn("urn:pulumi:dev::proj::my:comp$layers:index:Influencer::ava"), { stack: "dev", project: "proj", type: "layers:index:Influencer", name: "ava" });
    });
  });

  it("serves the package schema under its own version", () => {
    const schema = JSON.parse(new LayersProvider().schema()) as { name: string; version: string; resources: Record<string, unknown> };
    assert.equal(schema.name, "layers");
    assert.match(schema.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(Object.keys(schema.resources).sort(), ["layers:index:Influencer", "layers:index:Media"]);
  });
});
