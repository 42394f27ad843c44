// diff: what `pulumi preview` shows. Compares the program's inputs with the stored outputs
// (which a refresh has overwritten with what the API reports), field by field, after
// normalisation. Pure: no API call.
import { PERSONA_FIELDS, STATE_ONLY_INPUTS } from "./fields";
import { containsUnknown } from "./schema";
import { sameField } from "./normalize";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  /** Every input that differs, for messages and tests (the dynamic DiffResult has no detailed diff). */
  changed: string[];
}

type Props = Record<string, unknown>;

const isSet = (v: unknown) => v !== undefined && v !== null;

export function diffInfluencer(olds: Props, news: Props): DiffOutcome {
  const changed: string[] = [];
  const replaces: string[] = [];
  // After an import there is no record of what was declared: compare only what the program
  // declares now and never clear or replace on the strength of a missing old value.
  const imported = !Array.isArray(olds.declaredFields);
  const declaredBefore = new Set<string>(imported ? [] : (olds.declaredFields as string[]));

  if (containsUnknown(news.projectId) || olds.projectId !== news.projectId) replaces.push("projectId");
  for (const field of imported ? [] : ["prompt", "cloneFrom"]) {
    if (containsUnknown(news[field]) || (olds[field] ?? null) !== (news[field] ?? null)) replaces.push(field);
  }

  // A persona whose generation failed cannot be repaired in place (a failed create that
  // could not delete it leaves one in state): only a new one helps.
  if (olds.status === "failed") replaces.push("status");

  const refs = referenceImageChange(olds, news);
  if (refs === "replace") replaces.push("referenceImageAssetIds");
  if (refs === "change") changed.push("referenceImageAssetIds");

  for (const field of PERSONA_FIELDS) {
    const wanted = news[field];
    if (isSet(wanted)) {
      if (containsUnknown(wanted) || !sameField(field, wanted, olds[field])) changed.push(field);
    } else if (declaredBefore.has(field)) {
      // No longer declared: cleared on the persona (name cannot be cleared, it just stops
      // being managed, which is still a change to what Pulumi stores).
      changed.push(field);
    }
  }
  // State-only inputs are not part of the persona: after an import they are recorded by the
  // next real update instead of failing the import's "inputs match" check.
  for (const field of imported ? [] : STATE_ONLY_INPUTS) {
    if (containsUnknown(news[field]) || (olds[field] ?? null) !== (news[field] ?? null)) changed.push(field);
  }

  const all = [...replaces, ...changed];
  return {
    changes: all.length > 0,
    replaces,
    stables: replaces.length ? [] : ["influencerId", "projectId", "createdAt"],
    deleteBeforeReplace: false,
    changed: all,
  };
}

/**
 * Reference images can only be added. A declared id that is bound to the persona and gone
 * from the declaration needs a new persona; one that never got bound (a create that failed
 * before binding it) just leaves the declaration. A declared id the persona does not carry
 * (added in code, or drift) needs a bind.
 */
function referenceImageChange(olds: Props, news: Props): "replace" | "change" | "none" {
  const before = Array.isArray(olds.referenceImageAssetIds) ? (olds.referenceImageAssetIds as string[]) : [];
  const bound = new Set(
    (Array.isArray(olds.referenceImages) ? (olds.referenceImages as { assetId: string }[]) : []).map((r) => r.assetId),
  );
  const wanted = news.referenceImageAssetIds;
  // Unknown in preview: it may drop a bound image, so say what `up` may have to do.
  if (containsUnknown(wanted)) return before.some((id) => bound.has(id)) ? "replace" : "change";
  const wantedIds = new Set(Array.isArray(wanted) ? (wanted as string[]) : []);
  if (before.some((id) => !wantedIds.has(id) && bound.has(id))) return "replace";
  for (const id of wantedIds) if (!bound.has(id)) return "change";
  if (before.length !== wantedIds.size || before.some((id) => !wantedIds.has(id))) return "change";
  return "none";
}
