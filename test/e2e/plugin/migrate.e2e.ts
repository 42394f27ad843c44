// Moving a stack of dynamic Influencers to the plugin with `layers-migrate`, through the
// real engine: the program switched to layers.plugin.Influencer (same names), then the
// command, stopped midway once (its state delete refused) and run again. Layers sees only
// reads; the state ends with the same ids under the plugin's type; the next preview is
// clean; a re-run does nothing; a protected persona stays protected. And a `pulumi up` run
// while a migration is half done deletes no persona.
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
  /** Runs the command; `stopAt` makes that pulumi step fail, as a kill or a refusal would. */
  const migrate = async (opts: { stack?: string; args?: string[]; stopAt?: string } = {}) => {
    let out = "";
    let err = "";
    const pulumi = async (args: string[]) => {
      if (opts.stopAt && args.join(" ").startsWith(opts.stopAt)) return { code: 1, stdout: "", stderr: "error: stopped by the test" };
      return project.run(args);
    };
    const code = await runMigrate(["--stack", opts.stack ?? "dev", ...(opts.args ?? [])], { cwd: project.dir, env: project.env(), pulumi, stdout: (t) => (out += t), stderr: (t) => (err += t) });
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

  it("imports each persona under the plugin's type with the same id, forgets the dynamic twin, writes nothing; stopped midway, a re-run finishes", async () => {
    const before = Object.fromEntries((await influencers()).map((r) => [r.urn.split("::").pop(), r.id]));
    await project.ok(["config", "set", "form", "plugin"]);
    const dry = await migrate({ args: ["--dry-run"] });
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /3 to import as layers:index:Influencer, 3 dynamic Influencer\(s\) to forget/);
    await clearRequestLog(api());
    const stopped = await migrate({ stopAt: "state delete" });
    assert.equal(stopped.code, 1);
    assert.match(stopped.err, /pulumi state delete .* failed \(exit 1\):\n  error: stopped by the test\nRun layers-migrate again/);
    assert.equal((await influencers()).length, 6, "both twins, never neither");
    const res = await migrate();
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /0 to import as layers:index:Influencer, 3 dynamic Influencer\(s\) to forget/);
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

  it("the plugin then manages them: up is a no-op, destroy deletes with the declared reasons", async () => {
    const up = await project.ok(["up", "--yes"]);
    assert.match(up.stdout, /unchanged/);
    await project.ok(["state", "unprotect", "--all", "--yes"]);
    const ids = JSON.parse((await project.ok(["stack", "output", "ids", "--json"])).stdout) as Record<string, string>;
    await project.ok(["destroy", "--yes"]);
    assert.equal((await storedInfluencer(api(), ids.marcus))?.deleteReason, "moved");
    assert.equal((await storedInfluencer(api(), ids.ava))?.deleteReason, "Deleted by Pulumi stack migrate/dev");
  });

  it("a pulumi up while a migration is half done (imported, dynamic twins not yet forgotten) deletes no persona", async () => {
    await project.ok(["stack", "init", "half"]);
    await project.ok(["config", "set", "layers:baseUrl", emulator.url]);
    await project.setSecret("layers:apiKey", emulator.apiKey);
    await project.ok(["config", "set", "projectId", emulator.projectId]);
    await project.ok(["config", "set", "form", "dynamic"]);
    await project.ok(["up", "--yes"]);
    // (A protected dynamic twin would make that up refuse instead, which is safe too.)
    await project.ok(["state", "unprotect", "--all", "--yes"]);
    const ids = JSON.parse((await project.ok(["stack", "output", "ids", "--json"])).stdout) as Record<string, string>;
    await project.ok(["config", "set", "form", "plugin"]);
    const stopped = await migrate({ stack: "half", stopAt: "state delete" });
    assert.equal(stopped.code, 1);
    await clearRequestLog(api());
    await project.ok(["up", "--yes"]); // the program declares only the plugin twins now
    assert.deepEqual(writes(await requestLog(api())), [], "the dynamic twins were dropped, not deleted");
    for (const id of Object.values(ids)) assert.equal((await storedInfluencer(api(), id))?.status, "ready", `${id} lives on`);
    const left = await influencers();
    assert.deepEqual(left.map((r) => r.type), [PLUGIN_TYPE, PLUGIN_TYPE, PLUGIN_TYPE]);
    await project.ok(["state", "unprotect", "--all", "--yes"]);
    await project.ok(["destroy", "--yes"]);
  });
});
