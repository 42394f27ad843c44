// The provider plugin through the real engine, from a TypeScript program with two orgs:
// personas of org A through the default provider, one of org B through an explicit
// `layers.plugin.Provider` with its own key. Then `pulumi up` SIGKILLed while creates are in
// flight and run again (no duplicate, no orphan), and destroy with the reasons.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startLocalEmulator, type EmulatorHandle } from "../../../scripts/emulator-handle";
import { clearRequestLog, listInfluencerIds, otherOrgKey, requestLog, setEmulatorConfig, storedInfluencer } from "../emulator-api";
import { REPO_ROOT, requireCli } from "../support/cli";
import { killOrphans, killUpMidCreate } from "../support/processes";
import { PluginProject, writes } from "./project";

const PROGRAM = path.join(REPO_ROOT, "test", "e2e", "programs", "plugin-orgs");

async function newProject(api: { url: string; apiKey: string }, name: string): Promise<string> {
  const res = await fetch(`${api.url}/v1/projects`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  return ((await res.json()) as { projectId: string }).projectId;
}

describe("e2e: the provider plugin from a TypeScript program, two orgs, a killed up", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let project: PluginProject;
  let orgB: { url: string; apiKey: string };
  let projectB: string;
  let orphans: number[] = [];
  const orgA = () => ({ url: emulator.url, apiKey: emulator.apiKey });
  const stateIds = async () => Object.fromEntries((await project.exportState()).resources.filter((r) => r.type === "layers:index:Influencer").map((r) => [r.urn.split("::").pop()!, r.id!]));

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 200 });
    orgB = { url: emulator.url, apiKey: await otherOrgKey(orgA()) };
    projectB = await newProject(orgB, "org B");
    project = new PluginProject("plugin-ts", { from: PROGRAM });
    await project.initStack("dev", { baseUrl: emulator.url, apiKey: emulator.apiKey }, { names: JSON.stringify(["ava"]), projectA: emulator.projectId, projectB, baseUrlB: emulator.url });
    await project.setSecret("orgBKey", orgB.apiKey);
    await project.setSecret("orgAKey", emulator.apiKey);
  });

  after(async () => {
    killOrphans(orphans);
    project?.dispose();
    await emulator?.close();
  });

  it("one program, two orgs: each persona is made with its provider's key, in its org's project", async () => {
    await project.ok(["up", "--yes"]);
    const outputs = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout) as { ids: string[]; alId: string; boId: string; orgBCount: number };
    assert.deepEqual(await listInfluencerIds(orgB, projectB), [outputs.boId], "bo is org B's");
    const inA = await listInfluencerIds(orgA(), emulator.projectId);
    assert.ok(inA.includes(outputs.ids[0]) && inA.includes(outputs.alId), "ava (default provider) and al (explicit provider org-a) are org A's");
    const providers = (await project.exportState()).resources.filter((r) => r.type === "pulumi:providers:layers").map((r) => r.urn.split("::").pop()).sort();
    assert.deepEqual(providers.filter((n) => !n!.startsWith("default")), ["org-a", "org-b"], "two explicit providers");
    assert.equal(outputs.orgBCount, 1, "the look-up ran with org B's provider");
    assert.equal((await storedInfluencer(orgA(), outputs.ids[0]))?.style, "street");
  });

  it("up again writes nothing to either org", async () => {
    await clearRequestLog(orgA());
    const res = await project.ok(["up", "--yes"]);
    assert.match(res.stdout, /unchanged/);
    assert.deepEqual(writes(await requestLog(orgA())), []);
  });

  it("up SIGKILLed with creates in flight, then cancel, refresh --clear-pending-creates and up: every persona once, none orphaned", async () => {
    const names = ["ava", "p1", "p2", "p3", "p4", "p5"];
    await project.ok(["config", "set", "names", JSON.stringify(names)]);
    await setEmulatorConfig(orgA(), { jobMs: 3000 });
    await clearRequestLog(orgA());
    orphans = await killUpMidCreate({
      cwd: project.dir,
      env: project.env(),
      accepted: async () => (await requestLog(orgA())).filter((r) => r.method === "POST" && r.status === 202).length,
      after: 3,
    });
    await setEmulatorConfig(orgA(), { jobMs: 200 });

    // The documented repair (docs/troubleshooting.md): unlock, drop the pending creates, run again.
    assert.equal((await project.run(["cancel", "--yes"])).code, 0);
    await project.ok(["refresh", "--clear-pending-creates", "--yes"]);
    const rerun = await project.ok(["up", "--yes"]);
    assert.doesNotMatch(rerun.stdout + rerun.stderr, /pending operation/i, "no pending-operation warning");
    const adopted = new Set([...(rerun.stdout + rerun.stderr).matchAll(/adopting influencer (inf_\w+)/g)].map((m) => m[1]));
    const state = await stateIds();
    assert.deepEqual(Object.keys(state).sort(), [...names, "al", "bo"].sort(), "state holds each declared persona once");
    const live = await listInfluencerIds(orgA(), emulator.projectId);
    const inA = [...names, "al"].map((n) => state[n]).sort();
    assert.deepEqual(live.filter((id) => inA.includes(id) || !Object.values(state).includes(id)).sort(), inA, "Layers holds exactly the personas in state");
    assert.ok(adopted.size >= 2, `the personas the killed run created were adopted (${adopted.size})`);
    console.log(`      killed run + re-run: ${adopted.size} adopted, ${live.length} personas in org A's project`);
    await project.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("destroy soft-deletes each persona through its own provider with its reason; no key in state, export or output", async () => {
    const state = await stateIds();
    await project.ok(["destroy", "--yes"]);
    assert.equal((await storedInfluencer(orgA(), state.bo))?.deleteReason, "org B cleanup");
    assert.equal((await storedInfluencer(orgA(), state.ava))?.deleteReason, "Deleted by Pulumi stack plugin-orgs/dev");
    assert.deepEqual(await listInfluencerIds(orgB, projectB), []);
    const text = `${project.stateFiles()}\n${project.output.join("\n")}\n${(await project.exportState()).text}`;
    for (const key of [emulator.apiKey, orgB.apiKey]) assert.ok(!text.includes(key), "a key in clear text");
    assert.ok(fs.existsSync(project.dir));
  });
});
