// End to end with the real Pulumi CLI (Automation API) against the emulator, on the
// quickstart program of the root Pulumi.yaml:
// up → up again is a no-op → PATCH out of band → preview --refresh reports the drift →
// up --refresh repairs it → destroy soft-deletes with the reason.
// Part of npm test; see support/cli.ts for how the CLI is found (and why CI never skips).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, type OutputMap, type Stack } from "@pulumi/pulumi/automation";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import { getInfluencer, listInfluencerIds, patchInfluencer, storedInfluencer } from "./emulator-api";
import { pulumi, REPO_ROOT, requireCli, stackEnv, tempBackend } from "./support/cli";

const STACK = `e2e-${process.pid}`;
/** What the quickstart declares for ava's style (examples/quickstart/index.ts). */
const AVA_STYLE = "minimalist streetwear, neutral tones";

interface Persona {
  influencerId: string;
  name: string;
  status: string;
  thumbnailUrl: string | null;
}

/**
 * Operations that change something, with a non-zero count, e.g. { update: 1 }. "same" and
 * the reads of an integrated refresh ("refresh", "read") change nothing and are left out.
 */
function changesOf(summary: Record<string, number> | undefined): Record<string, number> {
  const inert = new Set(["same", "refresh", "read"]);
  return Object.fromEntries(Object.entries(summary ?? {}).filter(([op, n]) => !inert.has(op) && n > 0));
}

describe("e2e: quickstart on the emulator with the Pulumi CLI", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle | undefined;
  let stack: Stack | undefined;
  let backend: ReturnType<typeof tempBackend> | undefined;
  let personas: Persona[] = [];
  /** Everything the CLI printed, to prove the key never appears in it. */
  let cliOutput = "";
  const onOutput = (text: string) => (cliOutput += text);

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 200 });
    backend = tempBackend("quickstart");
    fs.mkdirSync(path.join(REPO_ROOT, ".layers", "stacks"), { recursive: true }); // Pulumi.yaml: stackConfigDir
    stack = await LocalWorkspace.createOrSelectStack({ stackName: STACK, workDir: REPO_ROOT }, { envVars: stackEnv(backend.url) });
    await stack.setAllConfig({
      "layers:baseUrl": { value: emulator.url },
      "layers:apiKey": { value: emulator.apiKey, secret: true },
      "quickstart:projectId": { value: emulator.projectId },
    });
  });

  after(async () => {
    if (stack) {
      await stack.destroy().catch(() => undefined); // only matters when a test failed midway
      await stack.workspace.removeStack(STACK).catch(() => undefined);
    }
    await emulator?.close();
    backend?.dispose();
  });

  const api = () => ({ url: emulator!.url, apiKey: emulator!.apiKey });
  const personasOf = (outputs: OutputMap) => outputs.personas.value as Persona[];

  it("up creates the two personas and waits until they are ready", async () => {
    const res = await stack!.up({ onOutput });
    assert.strictEqual(res.summary.result, "succeeded");
    personas = personasOf(res.outputs);
    assert.deepStrictEqual(personas.map((p) => p.name), ["Ava Chen", "Marcus Reid"]);
    for (const p of personas) {
      assert.match(p.influencerId, /^inf_[0-9A-Z]{26}$/);
      assert.strictEqual(p.status, "ready");
    }
    const live = await listInfluencerIds(api(), emulator!.projectId);
    assert.deepStrictEqual(live.filter((id) => personas.some((p) => p.influencerId === id)).length, 2);
  });

  it("the API key appears in clear text nowhere: state file, stack export, CLI output", async () => {
    const key = emulator!.apiKey;
    // The CLI's own export: the Automation API's exportStack() adds --show-secrets.
    const exportRun = await pulumi(["stack", "export", "--stack", STACK], REPO_ROOT, backend!.url);
    assert.strictEqual(exportRun.code, 0, exportRun.stderr);
    const exported = exportRun.stdout;
    assert.ok(exported.includes("influencerId") && exported.includes("ciphertext"), "the export holds the personas and the encrypted key");
    assert.ok(!exported.includes(key), "API key found in `pulumi stack export`");
    const stateFiles = listFiles(backend!.dir).filter((f) => f.endsWith(".json"));
    assert.ok(stateFiles.length > 0, "the file backend holds a state file");
    for (const f of stateFiles) assert.ok(!fs.readFileSync(f, "utf8").includes(key), `API key found in ${f}`);
    const config = fs.readFileSync(path.join(REPO_ROOT, ".layers", "stacks", `Pulumi.${STACK}.yaml`), "utf8");
    assert.ok(config.includes("secure:") && !config.includes(key), "the stack config holds the key encrypted");
    assert.ok(cliOutput.includes("ava"), "the CLI's output was captured");
    assert.ok(!cliOutput.includes(key), "API key found in the CLI's output");
  });

  it("each persona's state is small and points at the program's own line", async () => {
    const exportRun = await pulumi(["stack", "export", "--stack", STACK], REPO_ROOT, backend!.url);
    assert.strictEqual(exportRun.code, 0, exportRun.stderr);
    type StateResource = { type: string; urn: string; sourcePosition?: string; inputs: Record<string, unknown> };
    const resources = (JSON.parse(exportRun.stdout) as { deployment: { resources: StateResource[] } }).deployment.resources;
    const personas = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/layers:Influencer");
    assert.strictEqual(personas.length, 2);
    for (const r of personas) {
      // The engine rewrites the whole state after every step: every byte per persona counts.
      assert.ok(JSON.stringify(r).length < 4096, `${r.urn}: ${JSON.stringify(r).length} bytes`);
      assert.ok(String(r.inputs.__provider).length < 512, "the hand-written provider text, not a serialized shim");
    }
    // The line of `new layers.Influencer(...)` in examples/quickstart/index.ts, not our resource class.
    const lines = fs.readFileSync(path.join(REPO_ROOT, "examples/quickstart/index.ts"), "utf8").split("\n");
    const expected = ["ava", "marcus"].map((n) => lines.findIndex((l) => l.includes(`new layers.Influencer("${n}"`)) + 1);
    assert.deepStrictEqual(
      personas.map((r) => r.sourcePosition?.replace(/,\d+$/, "")).sort(),
      expected.map((line) => `project:///examples/quickstart/index.ts#${line}`).sort(),
    );
  });

  it("up again changes nothing", async () => {
    const res = await stack!.up({ onOutput });
    assert.deepStrictEqual(changesOf(res.summary.resourceChanges), {});
    assert.deepStrictEqual(personasOf(res.outputs).map((p) => p.influencerId), personas.map((p) => p.influencerId));
  });

  it("an out-of-band PATCH: plain preview --refresh names the drifted field, never an undeclared one", async () => {
    // style is declared; hairColor is not (Layers generated it): only style is drift.
    await patchInfluencer(api(), personas[0].influencerId, { style: "drifted outside Pulumi", hairColor: "teal" });
    // The dynamic provider has no detailed diff: the engine names the inputs that differ
    // between the refreshed state and the program.
    const diffs: string[][] = [];
    const preview = await stack!.preview({
      refresh: true,
      onEvent: (e) => {
        const m = e.resourcePreEvent?.metadata;
        if (!m || m.op !== "update" || !m.urn.endsWith("::ava")) return;
        const before = m.old?.inputs ?? {};
        const after = m.new?.inputs ?? {};
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        diffs.push(keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort());
      },
    });
    // Exactly one in-place update (ava back to the declared style): no replace, no create.
    assert.deepStrictEqual(changesOf(preview.changeSummary), { update: 1 }, `change summary ${JSON.stringify(preview.changeSummary)}`);
    assert.deepStrictEqual(diffs, [["style"]], "the engine's diff names style only");
    assert.match(preview.stdout, /pulumi-nodejs:dynamic\/layers:Influencer ava update \[diff: ~style\]/);
    await assert.rejects(stack!.preview({ refresh: true, expectNoChanges: true }), /no changes were expected/);
  });

  it("up --refresh repairs the drift", async () => {
    const res = await stack!.up({ refresh: true });
    assert.deepStrictEqual(changesOf(res.summary.resourceChanges), { update: 1 });
    const { record } = await getInfluencer(api(), personas[0].influencerId);
    assert.strictEqual(record.style, AVA_STYLE);
    await stack!.preview({ refresh: true, expectNoChanges: true }); // throws if anything still differs
    // The inputs the refresh rewrote are the program's again: a plain up sees nothing.
    assert.deepStrictEqual(changesOf((await stack!.up({ onOutput })).summary.resourceChanges), {});
  });

  it("destroy soft-deletes both personas with the stack's reason", async () => {
    const res = await stack!.destroy();
    assert.strictEqual(res.summary.result, "succeeded");
    for (const p of personas) {
      assert.strictEqual((await getInfluencer(api(), p.influencerId)).status, 404);
      const stored = await storedInfluencer(api(), p.influencerId);
      assert.ok(stored, `the emulator keeps a soft-deleted record of ${p.influencerId}`);
      assert.strictEqual(stored.deleteReason, `Deleted by Pulumi stack quickstart/${STACK}`);
    }
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
