// What the generated program declares: one Influencer per ready persona, with `adoptId` and
// every persona field at its current value, checked with the provider's own input rules;
// and what it leaves out, with the reason. Pure: the records come from project.ts.
import { PERSONA_FIELDS } from "../../provider/influencer/fields";
import { validateInputs } from "../../provider/influencer/schema";
import type { InfluencerListItem, InfluencerRecord } from "../../provider/client";
import { assignNames, byAge, type Names } from "./names";

export interface Declaration extends Names {
  record: InfluencerRecord;
  /** Influencer args in declaration order, without projectId (the program shares one constant). */
  args: [string, unknown][];
  /** Fields the provider would refuse as they are on Layers: left undeclared, so Pulumi leaves them alone. */
  dropped: { field: string; value: unknown; reason: string }[];
}

export interface Omission {
  influencerId: string;
  name: string | null;
  status: string;
  createdAt: string;
  reason: string;
}

export interface ImportPlan {
  projectId: string;
  declarations: Declaration[];
  omitted: Omission[];
}

export interface PersonasRead {
  /** Full records of the personas the listing showed as ready. */
  records: InfluencerRecord[];
  /** Listed personas that were not read: not ready when listed. */
  notReady: InfluencerListItem[];
}

export function planImport(requestedProjectId: string, read: PersonasRead): ImportPlan {
  // The id as Layers spells it (--project accepts any case): adoptId checks it verbatim.
  const projectId = read.records[0]?.projectId ?? requestedProjectId;
  const omitted: Omission[] = read.notReady.map((item) => omission(item));
  const ready: InfluencerRecord[] = [];
  for (const record of read.records) {
    if (record.status === "ready") ready.push(record);
    else omitted.push(omission(record)); // changed status between the listing and the read
  }
  const names = assignNames(ready);
  const declarations = ready.sort(byAge).map((record) => declare(projectId, record, names.get(record.influencerId)!));
  return { projectId, declarations, omitted: omitted.sort(byAge) };
}

/** Why a persona that is not `ready` is left out, and what to do about it. */
export function omissionReason(status: string): string {
  if (status === "failed") return "its generation failed, so there is nothing to adopt; delete it in the Layers dashboard, or declare a new layers.Influencer in its place";
  if (status === "pending" || status === "training") return "still generating; run layers-import again once it is ready";
  return `status "${status}" is not ready; run layers-import again once it is`;
}

function omission(p: { influencerId: string; name: string | null; status: string; createdAt: string }): Omission {
  return { influencerId: p.influencerId, name: p.name, status: p.status, createdAt: p.createdAt, reason: omissionReason(p.status) };
}

function declare(projectId: string, record: InfluencerRecord, names: Names): Declaration {
  const args: Record<string, unknown> = { adoptId: record.influencerId };
  for (const field of PERSONA_FIELDS) {
    const value = record[field];
    if (value !== null && value !== undefined) args[field] = value;
  }
  const refs = record.referenceImages.map((r) => r.assetId);
  if (refs.length) args.referenceImageAssetIds = refs;

  // The provider checks inputs more strictly than some values the API stores (a language
  // that is not a BCP-47 tag, say). Declaring such a value would fail `pulumi up`; leaving
  // it undeclared keeps it as it is on Layers.
  const dropped: Declaration["dropped"] = [];
  for (const failure of validateInputs({ projectId, ...args })) {
    const field = failure.property.split(/[.[]/)[0];
    if (!(field in args) || field === "adoptId") continue;
    dropped.push({ field, value: args[field], reason: failure.reason });
    delete args[field];
  }
  return { ...names, record, args: Object.entries(args), dropped };
}
