// Upgrading pulumi-layers under an existing stack, with the real engine. Until this release
// every resource stored a closure-serialized provider (3.2 KB); now it stores a short
// hand-written text (provider/dynamic/provider-text.ts). A stack written by an earlier release must
// show no change in `up`, keep its personas, refresh clean and destroy, all
// through the texts it holds. The earlier texts are the fixtures in test/fixtures/state.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import { getInfluencer, storedInfluencer } from "./emulator-api";
import { REPO_ROOT, requireCli } from "./support/cli";
import { PersonasStack } from "./support/personas-stack";

const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/state", name), "utf8");
type StateResource = { urn: string; type: string; id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> };

describe("e2e: a stack written by an earlier release, under today's package", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let s: PersonasStack;
  const OLD_TEXTS: Record<string, string> = {
    ava: fixture("influencer-provider-0.1.0.txt"),
    bob: fixture("influencer-provider-serialized.txt"),
  };

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 150 });
  });
  after(async () => {
    await s?.dispose(emulator.apiKey);
    await emulator?.close();
  });

  async function exported(): Promise<{ raw: Record<string, unknown>; personas: StateResource[] }> {
    const run = await s.cli(["stack", "export"]);
    assert.strictEqual(run.code, 0, run.stderr);
    const raw = JSON.parse(run.stdout) as { deployment: { resources: StateResource[] } };
    return { raw, personas: raw.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/layers:Influencer") };
  }

  it("up changes nothing and keeps its personas, refresh stays clean, destroy runs through the old texts", async () => {
    s = await PersonasStack.create("upgrade", emulator, { ava: { args: { name: "Ava", style: "tweed" } }, bob: { args: { name: "Bob" } } });
    await s.stack.up();
    const ids = Object.fromEntries(Object.entries(await s.outputs()).map(([k, v]) => [k, v.influencerId]));

    // Make the state what an earlier release wrote: its provider text in inputs and outputs.
    const { raw, personas } = await exported();
    for (const r of personas) {
      const name = r.urn.split("::").pop()!;
      r.inputs.__provider = OLD_TEXTS[name];
      r.outputs.__provider = OLD_TEXTS[name];
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "layers-e2e-upgrade-")), "state.json");
    fs.writeFileSync(file, JSON.stringify(raw));
    const imported = await s.cli(["stack", "import", "--file", file]);
    assert.strictEqual(imported.code, 0, imported.stderr);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const api = { url: emulator.url, apiKey: emulator.apiKey };
    const updatedAt = async (id: string) => {
      const row = await storedInfluencer(api, id);
      assert.ok(row, `${id} is in the emulator`);
      return row.updatedAt;
    };
    const before = Object.fromEntries(await Promise.all(Object.values(ids).map(async (id) => [id, await updatedAt(id)])));

    // A new provider text alone is no change: up only keeps what it has.
    const up = await s.stack.up();
    const changes = up.summary.resourceChanges ?? {};
    assert.deepStrictEqual(Object.keys(changes), ["same"], `only unchanged resources: ${JSON.stringify(changes)}`);
    assert.ok((changes.same ?? 0) >= 3, `the stack and both personas unchanged: ${JSON.stringify(changes)}`);
    const afterUp = await exported();
    for (const r of afterUp.personas) {
      assert.ok(String(r.inputs.__provider).length < 512, "up records today's text as the input");
      assert.strictEqual(r.outputs.__provider, OLD_TEXTS[r.urn.split("::").pop()!], "and keeps the old outputs, old text included");
      assert.strictEqual(ids[r.urn.split("::").pop()!], r.id);
    }

    // Refresh reads through the text in the outputs (still the old one for an unchanged resource).
    const refresh = await s.cli(["preview", "--refresh", "--expect-no-changes"]);
    assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
    for (const [id, at] of Object.entries(before)) assert.strictEqual(await updatedAt(id), at, `${id} was not written to`);

    await s.stack.destroy();
    for (const id of Object.values(ids)) assert.strictEqual((await getInfluencer(api, id)).status, 404, `${id} soft-deleted`);
  });
});
