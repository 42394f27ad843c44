// `pulumi up` killed with SIGKILL while six creates are in flight, then the documented
// recovery (docs/troubleshooting.md): `pulumi cancel`, `pulumi refresh --clear-pending-creates
// --yes`, `pulumi up`. Exactly the declared personas exist, none duplicated, none orphaned,
// state agrees with Layers, and no later `up` warns about pending operations.
//
// What the real engine does (seen here, and what docs/reliability.md tells users):
// - SIGKILL of the CLI's process group does not reach the language host or the provider
//   host: the engine starts them in process groups of their own. The orphaned provider host
//   finishes the creates it had started, so Layers ends up with all six personas while the
//   state records none of them (only "pending create" operations).
// - The file backend's lock survives the kill: the next command fails with "the stack is
//   currently locked" until `pulumi cancel` removes it.
// - The killed run leaves six pending CREATE operations in state. A plain `pulumi up` warns
//   about them, creates the six again (each create replays its Idempotency-Key and adopts the
//   persona the killed run made) but keeps the pending operations, so every later `up` warns
//   again. `pulumi refresh --clear-pending-creates` drops them; the `up` after it creates and
//   adopts the same way, and nothing is left pending.
import * as assert from "assert";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import { listInfluencerIds, requestLog, storedInfluencer } from "./emulator-api";
import { requireCli, stackEnv } from "./support/cli";
import { killOrphans, killUpMidCreate } from "./support/processes";
import { PERSONAS_PROGRAM, PersonasStack } from "./support/personas-stack";

const NAMES = ["p1", "p2", "p3", "p4", "p5", "p6"];
/** What v3.276.0 prints on every update of a stack that still holds pending operations. */
const PENDING_WARNING = /pending operations/i;

/** The resources with a pending create in the stack's state, as `pulumi stack export` shows it. */
async function pendingCreates(stack: PersonasStack): Promise<string[]> {
  const exported = await stack.cli(["stack", "export"]);
  assert.strictEqual(exported.code, 0, exported.stderr);
  const ops = (JSON.parse(exported.stdout) as { deployment: { pending_operations?: Array<{ type: string; resource: { urn: string } }> } }).deployment.pending_operations ?? [];
  return ops.filter((op) => op.type === "creating").map((op) => op.resource.urn.split("::").pop()!).sort();
}

describe("e2e: pulumi up killed with SIGKILL mid-create, then run again", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let stack: PersonasStack | undefined;
  let orphans: number[] = [];
  const api = () => ({ url: emulator.url, apiKey: emulator.apiKey });

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 3000 });
  });
  after(async () => {
    killOrphans(orphans);
    await stack?.dispose(emulator.apiKey);
    await emulator?.close();
  });

  it("ends with exactly the six declared personas, adopted, after `pulumi cancel`, `pulumi refresh --clear-pending-creates` and `pulumi up`", async () => {
    stack = await PersonasStack.create("killed", emulator, Object.fromEntries(NAMES.map((n) => [n, { args: { name: n } }])));
    // Kill once three creates were accepted: generation takes 3 s, so all six are in flight.
    orphans = await killUpMidCreate({
      cwd: PERSONAS_PROGRAM,
      env: { ...process.env, ...stackEnv(stack.backendUrl) },
      args: ["--stack", stack.name],
      accepted: async () => (await requestLog(api())).filter((r) => r.method === "POST" && r.status === 202).length,
      after: 3,
    });
    const survivors = orphans.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(survivors.length > 0, "the engine's children outlived the SIGKILL");
    assert.deepStrictEqual(await stack.stateInfluencers(), {}, "the killed run recorded no persona");

    const locked = await stack.cli(["up", "--yes"]);
    assert.notStrictEqual(locked.code, 0);
    assert.match(locked.stderr + locked.stdout, /currently locked/, "the killed run's lock is still held");
    const cancel = await stack.cli(["cancel", "--yes"]);
    assert.strictEqual(cancel.code, 0, cancel.stderr);
    assert.deepStrictEqual(await pendingCreates(stack), NAMES, "the killed run left a pending create per persona");

    const refreshed = await stack.cli(["refresh", "--clear-pending-creates", "--yes"]);
    assert.strictEqual(refreshed.code, 0, refreshed.stderr + refreshed.stdout);
    assert.deepStrictEqual(await pendingCreates(stack), [], "refresh --clear-pending-creates dropped them");

    const rerun = await stack.cli(["up", "--yes"]);
    assert.strictEqual(rerun.code, 0, rerun.stderr + rerun.stdout);
    assert.doesNotMatch(rerun.stdout + rerun.stderr, PENDING_WARNING);
    const adopted = new Set([...(rerun.stdout + rerun.stderr).matchAll(/adopting influencer (inf_\w+)/g)].map((m) => m[1]));

    const state = await stack.stateInfluencers();
    assert.deepStrictEqual(Object.keys(state).sort(), NAMES, "state holds each declared persona once");
    const live = await listInfluencerIds(api(), emulator.projectId);
    const stateIds = Object.values(state).map((r) => r.id).sort();
    assert.deepStrictEqual([...live].sort(), stateIds, "Layers holds exactly the personas in state: no duplicate, no orphan");
    for (const [name, row] of Object.entries(state)) {
      assert.strictEqual((await storedInfluencer(api(), row.id))?.name, name);
    }
    // Each persona the killed run created was adopted rather than created twice.
    const creates = (await requestLog(api())).filter((r) => r.method === "POST" && r.status === 202).length;
    console.log(`      killed run + re-run: ${creates} accepted create POSTs (replays included), ${adopted.size} adopted, ${live.length} personas`);
    assert.ok(adopted.size >= 3, `the personas the killed run created were adopted (${adopted.size})`);
    for (const id of adopted) assert.ok(stateIds.includes(id), `adopted ${id} is in state`);

    // The next up: Layers and state agree (refresh finds nothing), nothing to do, no warning.
    const later = await stack.cli(["up", "--refresh", "--expect-no-changes", "--yes"]);
    assert.strictEqual(later.code, 0, later.stdout + later.stderr);
    assert.doesNotMatch(later.stdout + later.stderr, PENDING_WARNING);
    assert.deepStrictEqual(await pendingCreates(stack), []);
  });
});
