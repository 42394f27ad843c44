// The fault suite (issue 5): many creates, updates and deletes through one real provider
// host, at Pulumi-like concurrency, while the emulator injects 5xx bursts, 429 storms with
// Retry-After, resets before and after the request is applied, slow responses, failed and
// stuck generations, and restarts from its --data file. At the end the emulator's state is
// compared with the state the engine recorded. Small in `npm test`, full in `npm run test:faults`.
import { strict as assert } from "node:assert";
import { summaryLine } from "./audit";
import { FaultRig } from "./rig";
import { runFaultSuite, SIZES } from "./scenario";

const sizeName = process.env.FAULTS_SIZE === "full" ? "full" : "small";
const seed = Number(process.env.FAULTS_SEED ?? 5);

describe(`fault suite (${sizeName}, seed ${seed})`, function () {
  this.timeout(sizeName === "full" ? 900_000 : 120_000);
  let rig: FaultRig | undefined;
  after(async () => rig?.close());

  it("no duplicate, no orphan, no lost persona, and every failure a clear one-line error", async () => {
    rig = await FaultRig.start({ jobMs: 200 });
    const size = SIZES[sizeName];
    const { operations, audit, unconverged, engine } = await runFaultSuite(rig, size, seed, process.env.FAULTS_DEBUG ? (l) => console.error(`  ${l}`) : undefined);
    console.log(summaryLine(operations, audit));
    if (process.env.FAULTS_DEBUG) for (const f of engine.failures) console.error(`  ${f.resource} ${f.step}${f.initFailed ? " (init failed)" : ""}: ${f.message}`);
    const details = `seed ${seed}, ${engine.steps} provider calls, ${engine.failures.length} failed\n${audit.findings.join("\n")}`;
    assert.equal(audit.duplicates, 0, details);
    assert.equal(audit.orphans, 0, details);
    assert.equal(audit.lost, 0, details);
    assert.equal(audit.unclear, 0, details);
    const last = (name: string) => engine.failures.filter((f) => f.resource === name).slice(-1)[0]?.message;
    assert.deepEqual(unconverged.map((n) => `${n}: ${last(n)}`), [], "every resource converged after the healthy runs");
    assert.ok(operations >= size.operations, `only ${operations} operations ran`);
    assert.ok(engine.failures.length > 0, "the faults made some operations fail (otherwise the suite tests nothing)");
  });
});
