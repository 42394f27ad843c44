// The end-of-run comparison: the emulator's state dump against what the engine recorded.
//   duplicates: more live personas than one for a logical resource, plus personas that no
//               state ever recorded and that were not discarded as failed generations;
//   orphans:    live personas no recorded state references (beyond those counted as duplicates);
//   lost:       a resource that should exist whose recorded id is deleted or missing;
//   unclear:    failure messages that are not one line, or name neither the request
//               (method, path, status/code) nor the job/generation that failed.
import type { EmulatorRow } from "../reliability/support";
import type { EngineModel, StepFailure } from "./engine";

export interface Audit {
  duplicates: number;
  orphans: number;
  lost: number;
  unclear: number;
  /** One line per finding, for the assertion message. */
  findings: string[];
}

const API_LINE = /\b(GET|POST|PATCH|DELETE) \/v1\/\S+ -> (\d{3} [A-Z][A-Z0-9_]*|connection error [A-Z0-9_]+)/;
const JOB_LINE = /\bjob job_[0-9A-Z]{26}\b|\bgeneration\b|\bis still (pending|training)\b/;

export function isClearError(message: string): boolean {
  return !message.includes("\n") && (API_LINE.test(message) || JOB_LINE.test(message));
}

/** A persona the provider deleted itself because its generation failed (never meant for state). */
const discardedFailedGeneration = (row: EmulatorRow) => !!row.deletedAt && /^pulumi-layers: generation failed/.test(String(row.deleteReason));

export function audit(rows: EmulatorRow[], engine: EngineModel, resources: { name: string; prompt: string; exists: boolean }[]): Audit {
  const findings: string[] = [];
  let duplicates = 0;
  let orphans = 0;
  let lost = 0;
  const referenced = engine.referencedIds();

  for (const r of resources) {
    const mine = rows.filter((row) => row.prompt === r.prompt);
    const liveRows = mine.filter((row) => !row.deletedAt);
    const extra = Math.max(0, liveRows.length - 1);
    if (extra) findings.push(`duplicate: ${r.name} has ${liveRows.length} live personas ${liveRows.map((x) => x.influencerId).join(", ")}`);
    duplicates += extra;
    const unreferenced = liveRows.filter((row) => !referenced.has(row.influencerId));
    const orphaned = Math.max(0, unreferenced.length - extra);
    if (orphaned) findings.push(`orphan: ${r.name}: ${unreferenced.map((x) => x.influencerId).join(", ")} not in state`);
    orphans += orphaned;
    for (const row of mine) {
      if (row.deletedAt && !engine.everRecorded.has(row.influencerId) && !discardedFailedGeneration(row)) {
        duplicates += 1;
        findings.push(`duplicate: ${r.name}: ${row.influencerId} was created, never recorded, and deleted (${row.deleteReason})`);
      }
    }
    const rec = engine.state.get(r.name);
    if (r.exists && rec && !liveRows.some((row) => row.influencerId === rec.id)) {
      lost += 1;
      findings.push(`lost: ${r.name}: state points at ${rec.id}, which is ${mine.some((x) => x.influencerId === rec.id) ? "deleted" : "missing"}`);
    }
  }

  const unclearFailures = engine.failures.filter((f: StepFailure) => !isClearError(f.message));
  for (const f of unclearFailures) findings.push(`unclear ${f.step} error for ${f.resource}: ${JSON.stringify(f.message)}`);
  return { duplicates, orphans, lost, unclear: unclearFailures.length, findings };
}

export function summaryLine(operations: number, a: Audit): string {
  return `faults: ${operations} operations, ${a.duplicates} duplicates, ${a.orphans} orphans, ${a.lost} lost, ${a.unclear} unclear errors`;
}
