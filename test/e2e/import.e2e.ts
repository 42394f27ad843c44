// layers-import's promise under the real engine: `pulumi up` on the generated program adopts
// every persona without changing one field on Layers, and `pulumi preview --refresh
// --expect-no-changes` right after passes.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { emulatorEnv, programDir, runImportIn, seedProject, type Seeded } from "../cli/import/support";
import { clearRequestLog, requestLog, storedInfluencer } from "./emulator-api";
import { pulumi, requireCli, tempBackend } from "./support/cli";

describe("e2e: layers-import, then pulumi up on the generated program", function () {
  this.timeout(600_000);
  let emu: RunningEmulator;
  let seeded: Seeded;
  let dir: string;
  let backend: ReturnType<typeof tempBackend>;
  const api = () => ({ url: emu.url, apiKey: emu.apiKey });
  const cli = (args: string[]) => pulumi([...args, "--stack", "imported"], dir, backend.url);

  before(async function () {
    requireCli(this);
    emu = await startEmulator({ host: "127.0.0.1", port: 0, jobMs: 60 });
    seeded = await seedProject(emu);
    dir = programDir("layers-import-e2e-");
    backend = tempBackend("import");
  });
  after(async () => {
    await emu?.close();
    backend?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adopts every ready persona with no write to Layers, and no drift afterwards", async () => {
    const gen = await runImportIn(["--project", seeded.projectId, "--out", path.join(dir, "index.ts")], emulatorEnv(emu));
    assert.strictEqual(gen.code, 0, gen.stderr);

    const before = new Map<string, Record<string, unknown> | undefined>();
    for (const id of seeded.ready.keys()) before.set(id, await storedInfluencer(api(), id));

    const init = await pulumi(["stack", "init", "imported"], dir, backend.url);
    assert.strictEqual(init.code, 0, init.stderr);
    for (const args of [["config", "set", "layers:baseUrl", emu.url], ["config", "set", "--secret", "layers:apiKey", emu.apiKey]]) {
      const res = await cli(args);
      assert.strictEqual(res.code, 0, res.stderr);
    }
    await clearRequestLog(api());
    const up = await cli(["up", "--yes"]);
    assert.strictEqual(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, new RegExp(`\\+ ${seeded.ready.size + 1} created`), `one Influencer per ready persona, and the stack:\n${up.stdout}`);

    const log = await requestLog(api());
    const writes = log.filter((r) => r.method !== "GET");
    assert.deepStrictEqual(writes, [], "adoption sent no POST, PATCH or DELETE");
    console.log(`      adopted ${seeded.ready.size} personas with ${log.length} requests (all GET)`);
    // One GET per adopted persona, and check's look-up of the project once per run (preview, update).
    assert.strictEqual(log.filter((r) => r.path.startsWith("/v1/influencers/")).length, seeded.ready.size, "one GET per adopted persona");
    assert.ok(log.filter((r) => r.path.startsWith("/v1/projects/")).length <= 2, "the project looked up once per run");
    for (const [id, record] of before) {
      assert.deepStrictEqual(await storedInfluencer(api(), id), record, `${id} unchanged on Layers (updatedAt included)`);
    }

    const check = await cli(["preview", "--refresh", "--expect-no-changes"]);
    assert.strictEqual(check.code, 0, check.stdout + check.stderr);
    const rm = await pulumi(["stack", "rm", "--force", "--yes", "imported"], dir, backend.url);
    assert.strictEqual(rm.code, 0, rm.stderr);
  });
});
