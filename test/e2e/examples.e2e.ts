// The examples run for real, as their READMEs tell a user to run them: the CLI in the
// example's directory, a local file backend, the key and base URL from the environment.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import { runCommand, runPulumi } from "../../scripts/pulumi-cli";
import { getInfluencer, listInfluencerIds, patchInfluencer, storedInfluencer } from "./emulator-api";
import { REPO_ROOT, requireCli, stackEnv, tempBackend } from "./support/cli";

const EXAMPLES = path.join(REPO_ROOT, "examples");

/** A command's exit code and its stdout and stderr together. */
async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const r = await runCommand(command, args, { cwd, env });
  return { code: r.code, out: r.stdout + r.stderr };
}

describe("e2e: the examples with the Pulumi CLI", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let backend: ReturnType<typeof tempBackend>;
  const api = () => ({ url: emulator.url, apiKey: emulator.apiKey });
  /** The environment the READMEs set up: local backend, passphrase, key and URL as env vars. */
  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    ...stackEnv(backend.url),
    LAYERS_BASE_URL: emulator.url,
    LAYERS_API_KEY: emulator.apiKey,
    ...extra,
  });
  const cli = (dir: string, args: string[], extra: Record<string, string> = {}) =>
    runPulumi([...args, "--non-interactive"], { cwd: path.join(EXAMPLES, dir), env: env(extra) });
  const must = async (dir: string, args: string[], extra: Record<string, string> = {}) => {
    const res = await cli(dir, args, extra);
    assert.strictEqual(res.code, 0, `pulumi ${args.join(" ")} in ${dir}:\n${res.stdout}\n${res.stderr}`);
    return res;
  };
  const outputs = async (dir: string, stack: string) =>
    JSON.parse((await must(dir, ["stack", "output", "--json", "--stack", stack])).stdout) as Record<string, unknown>;

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 150 });
    backend = tempBackend("examples");
  });
  after(async () => {
    await emulator?.close();
    backend?.dispose();
    // Stack config files the CLI wrote beside the examples' Pulumi.yaml.
    for (const dir of fs.readdirSync(EXAMPLES)) {
      for (const f of fs.readdirSync(path.join(EXAMPLES, dir))) {
        if (/^Pulumi\..+\.yaml$/.test(f)) fs.rmSync(path.join(EXAMPLES, dir, f));
      }
    }
  });

  describe("branch-stacks", () => {
    const script = (args: string[], extra: Record<string, string>) =>
      run(process.execPath, ["-r", "ts-node/register/transpile-only", "branch-stack.ts", ...args], path.join(EXAMPLES, "branch-stacks"), env(extra));
    const personaIds = async (stack: string) =>
      Object.values((await outputs("branch-stacks", stack)).personas as Record<string, { influencerId: string }>).map((p) => p.influencerId);

    it("two branches get two stacks with their own personas; the merged branch is torn down", async () => {
      for (const branch of ["main", "feature/New-Hero"]) {
        const sel = await script(["select"], { BRANCH: branch, LAYERS_PROJECT_ID: emulator.projectId });
        assert.strictEqual(sel.code, 0, sel.out);
        await must("branch-stacks", ["up", "--yes"]);
      }
      const prod = await personaIds("production");
      const feature = await personaIds("feature-new-hero");
      assert.strictEqual(prod.length, 2);
      assert.strictEqual(feature.length, 2);
      assert.strictEqual(new Set([...prod, ...feature]).size, 4, "four distinct personas");
      for (const id of feature) assert.match(String((await getInfluencer(api(), id)).record.name), /\(feature-new-hero\)$/);

      const refused = await script(["teardown", "main"], {});
      assert.strictEqual(refused.code, 1);
      assert.match(refused.out, /refusing to tear down production/);

      const down = await script(["teardown", "feature/New-Hero"], {});
      assert.strictEqual(down.code, 0, down.out);
      for (const id of feature) {
        assert.strictEqual((await getInfluencer(api(), id)).status, 404);
        assert.strictEqual((await storedInfluencer(api(), id))?.deleteReason, "Branch stack feature-new-hero torn down");
      }
      for (const id of prod) assert.strictEqual((await getInfluencer(api(), id)).status, 200, "production untouched");
      const again = await script(["teardown", "feature/New-Hero"], {});
      assert.strictEqual(again.code, 0);
      assert.match(again.out, /nothing to tear down/);

      // Production is protected: destroy refuses until the protection is lifted.
      const destroy = await cli("branch-stacks", ["destroy", "--yes", "--stack", "production"]);
      assert.notStrictEqual(destroy.code, 0);
      assert.match(destroy.stdout + destroy.stderr, /protected/);
      await must("branch-stacks", ["state", "unprotect", "--all", "--yes", "--stack", "production"]);
      await must("branch-stacks", ["destroy", "--yes", "--stack", "production"]);
      await must("branch-stacks", ["stack", "rm", "--yes", "production"]);
    });
  });

  describe("drift-ci", () => {
    const check = (extra: Record<string, string> = {}) => run("bash", ["check-drift.sh", "ci"], path.join(EXAMPLES, "drift-ci"), env(extra));

    it("check-drift.sh exits 0 without drift, 2 with drift, 1 when it cannot check", async () => {
      await must("drift-ci", ["stack", "init", "ci"]);
      await must("drift-ci", ["config", "set", "drift-ci:projectId", emulator.projectId, "--stack", "ci"]);
      await must("drift-ci", ["up", "--yes", "--stack", "ci"]);
      const id = String((await outputs("drift-ci", "ci")).influencerId);

      const clean = await check();
      assert.strictEqual(clean.code, 0, clean.out);
      assert.match(clean.out, /no drift/);

      await patchInfluencer(api(), id, { vibe: "changed in the dashboard" });
      const drift = await check();
      assert.strictEqual(drift.code, 2, drift.out);
      assert.match(drift.out, /DRIFT/);
      assert.match(drift.out, /vibe/, "the diff names the drifted field");

      const broken = await check({ LAYERS_API_KEY: "lyr_test_wrong" });
      assert.strictEqual(broken.code, 1, broken.out);
      assert.match(broken.out, /401|UNAUTHENTICATED/);
      assert.ok(!broken.out.includes(emulator.apiKey), "the key never appears in the output");

      await must("drift-ci", ["destroy", "--yes", "--stack", "ci"]);
      await must("drift-ci", ["stack", "rm", "--yes", "ci"]);
    });
  });

  describe("persona-catalog", () => {
    it("declares every persona of the catalog; a second up changes nothing; a bad catalog names file and line", async () => {
      await must("persona-catalog", ["stack", "init", "ci"]);
      await must("persona-catalog", ["config", "set", "persona-catalog:projectId", emulator.projectId, "--stack", "ci"]);
      const before = (await listInfluencerIds(api(), emulator.projectId)).length;
      await must("persona-catalog", ["up", "--yes", "--stack", "ci"]);
      const created = (await listInfluencerIds(api(), emulator.projectId)).length - before;
      const declared = (fs.readFileSync(path.join(EXAMPLES, "persona-catalog", "personas.yaml"), "utf8").match(/^\s*-?\s*name:/gm) ?? []).length;
      assert.strictEqual(created, declared, "one persona per catalog entry");
      const second = await must("persona-catalog", ["up", "--yes", "--stack", "ci"]);
      assert.doesNotMatch(second.stdout, /(created|updated|replaced)\b/);

      const bad = path.join(backend.dir, "bad.yaml");
      fs.writeFileSync(bad, "personas:\n  - key: x\n    name: X\n    gender: robot\n");
      await must("persona-catalog", ["config", "set", "persona-catalog:file", bad, "--stack", "ci"]);
      const failed = await cli("persona-catalog", ["preview", "--stack", "ci"]);
      assert.notStrictEqual(failed.code, 0);
      assert.match(failed.stdout + failed.stderr, /bad\.yaml:4/);
      await must("persona-catalog", ["config", "rm", "persona-catalog:file", "--stack", "ci"]);
      await must("persona-catalog", ["destroy", "--yes", "--stack", "ci"]);
      await must("persona-catalog", ["stack", "rm", "--yes", "ci"]);
    });
  });

  describe("persona-workflow", () => {
    it("uploads the photo, binds it, clones the B variant, adopts the project's own persona, hands out briefs", async () => {
      // A project with an app description: Layers auto-creates its first persona.
      const created = await fetch(`${emulator.url}/v1/projects`, {
        method: "POST",
        headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "workflow", appDescription: "A running app" }),
      });
      assert.strictEqual(created.status, 201);
      const projectId = ((await created.json()) as { projectId: string }).projectId;
      let houseId: string | undefined;
      for (let i = 0; i < 200 && !houseId; i++) {
        [houseId] = await listInfluencerIds(api(), projectId);
        if (!houseId) await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(houseId, "the project's own persona exists");

      await must("persona-workflow", ["stack", "init", "ci"]);
      await must("persona-workflow", ["config", "set", "persona-workflow:projectId", projectId, "--stack", "ci"]);
      await must("persona-workflow", ["up", "--yes", "--stack", "ci"]);
      const out = await outputs("persona-workflow", "ci");
      assert.match(String(out.photoAssetId), /^med_/);
      assert.strictEqual(out.houseId, houseId, "the auto-created persona was adopted, not a new one made");
      const ava = (await getInfluencer(api(), String(out.avaId))).record;
      const images = ava.referenceImages as Array<{ assetId: string }>;
      assert.ok(images.some((i) => i.assetId === out.photoAssetId), "the uploaded photo is bound to ava");
      const b = (await getInfluencer(api(), String(out.avaBId))).record;
      assert.deepStrictEqual([b.name, b.vibe], ["Ava (B)", "dry wit"]);
      assert.strictEqual(b.style, ava.style, "the clone keeps the source's other fields");
      assert.strictEqual((await getInfluencer(api(), houseId!)).record.brandVoice, "plain-spoken, friendly");
      const briefs = out.briefAssignments as Array<{ brief: string; influencerId: string }>;
      assert.strictEqual(briefs.length, 5);
      assert.strictEqual((await listInfluencerIds(api(), projectId)).length, 3, "house, ava and ava-b: nothing else");

      const second = await must("persona-workflow", ["preview", "--refresh", "--expect-no-changes", "--stack", "ci"]);
      assert.doesNotMatch(second.stdout, /to (create|update|replace|delete)/);

      await must("persona-workflow", ["destroy", "--yes", "--stack", "ci"]);
      assert.strictEqual((await getInfluencer(api(), String(out.avaId))).status, 404);
      assert.strictEqual((await getInfluencer(api(), String(out.avaBId))).status, 404);
      assert.strictEqual((await getInfluencer(api(), houseId!)).status, 200, "retainOnDelete keeps the project's own persona");
      await must("persona-workflow", ["stack", "rm", "--yes", "ci"]);
    });
  });
});
