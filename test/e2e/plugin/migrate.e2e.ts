// Moving a stack of dynamic Influencers to the plugin with `layers-migrate`, through the
// real engine: the program switched to layers.plugin.Influencer (same names), then the
// command. Layers sees only reads; the state ends with the same ids under the plugin's
// type; the next preview is clean; a re-run does nothing; a protected persona stays protected.
import * as assert from "assert";
import * as path from "path";
import { runMigrate } from "../../../cli/migrate/main";
import { DYNAMIC_TYPE, PLUGIN_TYPE } from "../../../cli/migrate/plan";
import { startLocalEmulator, type EmulatorHandle } from "../../../scripts/emulator-handle";
import { clearRequestLog, requestLog, storedInfluencer } from "../emulator-api";
import { REPO_ROOT, requireCli } from "../support/cli";
import { PluginProject, writes } from "./project";

const PROGRAM = path.join(REPO_ROOT, "test", "e2e", "programs", "migrate");

describe("e2e: layers-migrate moves a stack from the dynamic Influencer to the plugin", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let project: PluginProject;
  const api = () => ({ url: emulator.url, apiKey: emulator.apiKey });
  const migrate = async (...args: string[]) => {
    let out = "";
    let err = "";
    const code = await runMigrate(["--stack", "dev", ...args], { cwd: project.dir, env: project.env(), stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };
  const influencers = async () => (await project.exportState()).resources.filter((r) => r.type === DYNAMIC_TYPE || r.type === PLUGIN_TYPE);

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 200 });
    project = new PluginProject("migrate", { from: PROGRAM });
    await project.initStack("dev", { baseUrl: emulator.url, apiKey: emulator.apiKey }, { projectId: emulator.projectId, form: "dynamic" });
    await project.ok(["up", "--yes"]);
  });

  after(async () => {
    project?.dispose();
    await emulator?.close();
  });

  it("imports each persona under the plugin's type with the same id, forgets the dynamic twin, writes nothing", async () => {
    const before = Object.fromEntries((await influencers()).map((r) => [r.urn.split("::").pop(), r.id]));
    await project.ok(["config", "set", "form", "plugin"]);
    const dry = await migrate("--dry-run");
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /3 to import as layers:index:Influencer, 3 dynamic Influencer\(s\) to forget/);
    await clearRequestLog(api());
    const res = await migrate();
    assert.equal(res.code, 0, res.err);
    assert.deepEqual(writes(await requestLog(api())), [], "only reads reach Layers");
    const after = await influencers();
    assert.deepEqual(after.map((r) => r.type), [PLUGIN_TYPE, PLUGIN_TYPE, PLUGIN_TYPE]);
    assert.deepEqual(Object.fromEntries(after.map((r) => [r.urn.split("::").pop(), r.id])), before);
    const marcus = (await project.exportState()).resources.find((r) => r.urn.endsWith("::marcus")) as { protect?: boolean };
    assert.equal(marcus.protect, true, "a protected persona stays protected");
  });

  it("the next preview shows no change, with or without a refresh; a re-run moves nothing", async () => {
    await project.ok(["preview", "--expect-no-changes"]);
    await project.ok(["preview", "--refresh", "--expect-no-changes"]);
    const again = await migrate();
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /0 to import as layers:index:Influencer, 0 dynamic Influencer\(s\) to forget/);
  });

  it("the plugin then manages them: an edit is applied, and destroy deletes with the reasons", async () => {
    await project.ok(["up", "--yes"]);
    await project.ok(["state", "unprotect", "--all", "--yes"]);
    const ids = JSON.parse((await project.ok(["stack", "output", "ids", "--json"])).stdout) as Record<string, string>;
    await project.ok(["destroy", "--yes"]);
    assert.equal((await storedInfluencer(api(), ids.marcus))?.deleteReason, "moved");
    assert.equal((await storedInfluencer(api(), ids.ava))?.deleteReason, "Deleted by Pulumi stack migrate/dev");
  });
});
