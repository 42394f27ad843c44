// Requests per operation, counted from the emulator's request log, each operation run alone
// in the real host. Every request is compared with what the operation cannot do without;
// anything beyond that is flagged.
import type { Props } from "../../test/support/host";
import { declareInfluencers, PERSONA, startBenchRig, type BenchRig } from "./rig";
import { shortName } from "./requests";
import { tally } from "./stats";

export interface OperationRow {
  operation: string;
  requests: number;
  /** e.g. { "POST create": 1, "GET job": 4, "PATCH": 1 } */
  byEndpoint: Record<string, number>;
  /** In order, e.g. POST create, GET job ×4, PATCH. */
  sequence: string;
  /** Requests the operation needs; job polls are judged separately (see the lag table). */
  needed: string;
  /** Requests beyond `needed` (job polls excluded). */
  unneeded: number;
}

const JOB_MS = 500;

// What each operation cannot do without. "GET job" is needed at least once; the count of
// polls depends on the job time and is judged against the lag aim instead.
const NEEDED: Record<string, Record<string, number>> = {
  "create (persona declared)": { "POST create": 1, "GET job": 1, PATCH: 1 },
  "create (no persona fields)": { "POST create": 1, "GET job": 1, "GET influencer": 1 },
  "check + diff (preview, no change)": {},
  "read (refresh)": { "GET influencer": 1 },
  "read (refresh, deleted outside Pulumi)": { "GET influencer": 1, "GET project": 1 },
  "update (one field)": { PATCH: 1 },
  "update (no API-visible change)": {},
  delete: { DELETE: 1 },
};

export async function measureOperations(): Promise<OperationRow[]> {
  const rig = await startBenchRig({ jobMs: JOB_MS });
  try {
    const [ops, bare, gone] = await declareInfluencers(["ops", "ops-bare", "ops-gone"], { projectId: rig.emulator.projectId, ...PERSONA });
    // A resource that declares no persona field: the outputs need a GET after the job.
    const bareInputs: Props = { ...bare.inputs };
    for (const k of Object.keys(PERSONA)) delete bareInputs[k];
    const rows: OperationRow[] = [];
    const run = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
      await rig.control.clearRequests();
      const out = await fn();
      rows.push(row(operation, (await rig.control.requests()).map(shortName)));
      return out;
    };
    const host = rig.host;

    const checked = (await host.check(ops.urn, {}, ops.inputs)).inputs;
    const created = await run("create (persona declared)", () => host.create(ops.urn, checked));
    const bareChecked = (await host.check(bare.urn, {}, bareInputs)).inputs;
    await run("create (no persona fields)", () => host.create(bare.urn, bareChecked));
    await run("check + diff (preview, no change)", async () => {
      const again = (await host.check(ops.urn, checked, ops.inputs)).inputs;
      return host.diff(created.id, ops.urn, created.properties, again, checked);
    });
    const refreshed = await run("read (refresh)", () => host.read(created.id, ops.urn, created.properties, checked));

    const edited = (await host.check(ops.urn, checked, { ...ops.inputs, style: "bold tailoring" })).inputs;
    const updated = await run("update (one field)", () => host.update(created.id, ops.urn, refreshed.properties, edited, checked));
    const retimed = (await host.check(ops.urn, edited, { ...ops.inputs, style: "bold tailoring", jobTimeoutSeconds: 600 })).inputs;
    await run("update (no API-visible change)", () => host.update(created.id, ops.urn, updated.properties, retimed, edited));
    await run("delete", () => host.delete(created.id, ops.urn, updated.properties, retimed));

    const goneChecked = (await host.check(gone.urn, {}, gone.inputs)).inputs;
    const goneCreated = await host.create(gone.urn, goneChecked);
    await deleteOutOfBand(rig, goneCreated.id);
    await run("read (refresh, deleted outside Pulumi)", () => host.read(goneCreated.id, gone.urn, goneCreated.properties, goneChecked));
    return rows;
  } finally {
    await rig.close();
  }
}

async function deleteOutOfBand(rig: BenchRig, id: string): Promise<void> {
  const res = await fetch(`${rig.emulator.url}/v1/influencers/${id}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${rig.emulator.apiKey}` },
  });
  if (!res.ok) throw new Error(`out-of-band delete failed: ${res.status}`);
}

function row(operation: string, sequence: string[]): OperationRow {
  const byEndpoint = tally(sequence);
  const needed = NEEDED[operation] ?? {};
  let unneeded = 0;
  for (const [endpoint, count] of Object.entries(byEndpoint)) {
    if (endpoint === "GET job" && needed["GET job"]) continue;
    unneeded += Math.max(0, count - (needed[endpoint] ?? 0));
  }
  return {
    operation,
    requests: sequence.length,
    byEndpoint,
    sequence: compress(sequence),
    needed: Object.entries(needed).map(([e, n]) => (e === "GET job" ? "GET job ≥1" : n > 1 ? `${e} ×${n}` : e)).join(" + ") || "none",
    unneeded,
  };
}

/** "POST create, GET job ×4, PATCH": runs of the same request folded. */
function compress(sequence: string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sequence.length; ) {
    let j = i;
    while (j < sequence.length && sequence[j] === sequence[i]) j++;
    parts.push(j - i > 1 ? `${sequence[i]} ×${j - i}` : sequence[i]);
    i = j;
  }
  return parts.join(", ") || "none";
}
