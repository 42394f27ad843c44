// The provider plugin through the real engine, from a Pulumi YAML program
// (examples/yaml-personas, run as it is but for where it finds the plugin): up, a no-op up
// with no write, a dashboard edit named by plain `pulumi preview --refresh`, `pulumi import`
// of a dashboard persona with the YAML the CLI writes, a rotated key used by the next
// refresh, a wrong-org key refused with state kept, destroy with the reasons, and the key
// nowhere in state, export or output. Then the same program on the plugin installed from
// `npm run pack:plugin`'s tarball with `pulumi plugin install`.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { startLocalEmulator, type EmulatorHandle } from "../../../scripts/emulator-handle";
import { packPlugin } from "../../../scripts/pack-plugin";
import { clearRequestLog, createPersonaOutOfBand, getInfluencer, otherOrgKey, patchInfluencer, requestLog, rotateKey, storedInfluencer } from "../emulator-api";
import { REPO_ROOT, requireCli } from "../support/cli";
import { diffKeys, errorsOf, PluginProject, writes } from "./project";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-personas");

describe("e2e: the provider plugin from a YAML program (examples/yaml-personas)", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let project: PluginProject;
  let apiKey: string;
  let ids: { ava: string; marcus: string };
  const api = () => ({ url: emulator.url, apiKey });

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 200 });
    // A key of its own org, so that rotating it leaves the emulator's default key alone.
    apiKey = await otherOrgKey({ url: emulator.url, apiKey: emulator.apiKey });
    const created = await fetch(`${emulator.url}/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "yaml" }),
    }).then((r) => r.json() as Promise<{ projectId: string }>);
    project = new PluginProject("yaml", { from: EXAMPLE });
    await project.initStack("dev", { baseUrl: emulator.url, apiKey }, { projectId: created.projectId });
  });

  after(async () => {
    project?.dispose();
    await emulator?.close();
  });

  it("up creates both personas and the photo from its file through the plugin; the look-ups answer", async () => {
    const res = await project.ok(["up", "--yes"]);
    const outputs = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout) as Record<string, string>;
    ids = { ava: outputs.avaId, marcus: outputs.marcusId };
    assert.match(ids.ava, /^inf_[0-9A-Z]{26}$/);
    assert.equal(outputs.marcusName, "Marcus Reid");
    const ava = await storedInfluencer(api(), ids.ava);
    assert.equal(ava?.style, "minimalist streetwear, muted earth tones");
    // The Media read ava.png beside Pulumi.yaml (the program directory) and was bound.
    assert.match(outputs.avaPhotoId, /^med_[0-9A-Z]{26}$/);
    // (Layers lists the generated portrait first.)
    const bound = (await getInfluencer(api(), ids.ava)).record.referenceImages as Array<{ assetId: string }>;
    assert.ok(bound.map((r) => r.assetId).includes(outputs.avaPhotoId), JSON.stringify(bound));
    // layers:index:getInfluencer returned Ava's record as Layers holds it (a generated field).
    assert.equal(outputs.avaVoice, ava?.voiceDescription);
    const types = (await project.exportState()).resources.map((r) => r.type);
    assert.deepEqual(types.filter((t) => t.startsWith("layers:")).sort(), ["layers:index:Influencer", "layers:index:Influencer", "layers:index:Media"]);
    assert.ok(types.includes("pulumi:providers:layers"), "a default provider of the plugin");
    assert.match(res.stdout, /\+ 4 created/);
  });

  it("up again changes nothing and writes nothing to Layers", async () => {
    await clearRequestLog(api());
    const res = await project.ok(["up", "--yes"]);
    assert.match(res.stdout, /4 unchanged/);
    assert.deepEqual(writes(await requestLog(api())), []);
  });

  it("a dashboard edit: plain preview --refresh names the field, --expect-no-changes fails; up --refresh repairs it", async () => {
    await patchInfluencer(api(), ids.ava, { style: "neon cyberpunk", hairColor: "blue" });
    const drift = await project.run(["preview", "--refresh", "--expect-no-changes"]);
    assert.notEqual(drift.code, 0);
    assert.match(drift.stdout, /layers:index:Influencer ava update \[diff: ~style\]/);
    assert.deepEqual(diffKeys(drift.events, "ava"), ["style"], "the undeclared hairColor is never a change");
    await project.ok(["up", "--refresh", "--yes"]);
    assert.equal((await storedInfluencer(api(), ids.ava))?.style, "minimalist streetwear, muted earth tones");
    await project.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("pulumi import of a persona made in the dashboard: the YAML the CLI writes previews with no change", async () => {
    const made = await createPersonaOutOfBand(api(), readConfig(project, "projectId"));
    await patchInfluencer(api(), made, { style: "punk", personality: { traits: ["bold"] } });
    await clearRequestLog(api());
    const out = path.join(project.dir, "imported.yaml");
    await project.ok(["import", "layers:index:Influencer", "dashboardMade", made, "--yes", "--protect=false", "--out", out]);
    assert.deepEqual(writes(await requestLog(api())), [], "an import only reads");
    const generated = parse(fs.readFileSync(out, "utf8")) as { resources: Record<string, { type: string; properties: Record<string, unknown> }> };
    assert.equal(generated.resources.dashboardMade.properties.style, "punk");
    const yaml = project.pulumiYaml() as { resources: Record<string, unknown> };
    yaml.resources = { ...yaml.resources, ...generated.resources };
    project.writePulumiYaml(yaml);
    await project.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("a rotated key is used by the next refresh, with no up in between", async () => {
    const rotated = await rotateKey(api(), apiKey);
    apiKey = rotated;
    await project.setSecret("layers:apiKey", rotated);
    await clearRequestLog(api());
    await project.ok(["refresh", "--yes"]);
    const log = await requestLog(api());
    assert.ok(log.length >= 3, "the refresh read each persona");
    assert.deepEqual(log.filter((r) => r.status === 401), [], "the old key (recorded at the last up) was not used");
  });

  it("a key of another org: preview fails once, saying what to check; refresh fails and state keeps every persona", async () => {
    const before = (await project.exportState()).resources.filter((r) => r.type === "layers:index:Influencer").length;
    await project.setSecret("layers:apiKey", await otherOrgKey(api()));
    const preview = await project.run(["preview"]);
    assert.notEqual(preview.code, 0);
    const visible = errorsOf(preview.events).filter((m) => /is not visible to this API key/.test(m));
    assert.equal(visible.length, 1, `one error for the stack:\n${errorsOf(preview.events).join("\n")}`);
    assert.match(visible[0], /Check projectId, and layers:apiKey/);
    const refresh = await project.run(["refresh", "--yes"]);
    assert.notEqual(refresh.code, 0);
    assert.match(refresh.stdout + refresh.stderr, /cannot see its project/);
    assert.equal((await project.exportState()).resources.filter((r) => r.type === "layers:index:Influencer").length, before);
    await project.setSecret("layers:apiKey", apiKey);
  });

  it("destroy (with the rotated key, no up since) soft-deletes each persona with its reason; the key is nowhere in state, export or output", async () => {
    await clearRequestLog(api());
    await project.ok(["destroy", "--yes"]);
    assert.deepEqual((await requestLog(api())).filter((r) => r.status === 401), [], "the key of this run, not the one recorded at the last up");
    const ava = await storedInfluencer(api(), ids.ava);
    const marcus = await storedInfluencer(api(), ids.marcus);
    assert.equal(ava?.deleteReason, "Deleted by Pulumi stack yaml-personas/dev");
    assert.equal(marcus?.deleteReason, "Retired with the yaml-personas example");
    for (const [where, text] of [["state files", project.stateFiles()], ["CLI output", project.output.join("\n")]]) {
      assert.ok(!text.includes(apiKey), `the key is in the ${where}`);
      assert.ok(!/lyr_test_[0-9a-f]{32}/.test(text), `a key is in the ${where}`);
    }
  });

  it("installed from `npm run pack:plugin`'s tarball with `pulumi plugin install`, the program runs without a plugins entry", async function () {
    this.timeout(600_000);
    const tarball = packPlugin(fs.mkdtempSync(path.join(project.dir, "tarball-")));
    const installed = new PluginProject("yaml-installed", { from: EXAMPLE, pluginPath: null });
    try {
      const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
      await installed.ok(["plugin", "install", "resource", "layers", version, "--file", tarball]);
      await installed.initStack("dev", { baseUrl: emulator.url, apiKey }, { projectId: readConfig(project, "projectId") });
      const up = await installed.ok(["up", "--yes"]);
      assert.match(up.stdout, /\+ 4 created/);
      await installed.ok(["destroy", "--yes"]);
    } finally {
      installed.dispose();
    }
  });
});

function readConfig(project: PluginProject, key: string): string {
  const file = fs.readFileSync(path.join(project.dir, "Pulumi.dev.yaml"), "utf8");
  return (parse(file) as { config: Record<string, string> }).config[`yaml-personas:${key}`];
}
