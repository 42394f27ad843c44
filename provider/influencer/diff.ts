// diff: what `pulumi preview` shows. Compares the program's inputs with the stored outputs
// (which a refresh has overwritten with what the API reports), field by field, after
// normalisation. Pure: no API call.
import { PERSONA_FIELDS, STATE_ONLY_INPUTS } from "./fields";
import { parsePlannedInputs } from "./inputs";
import { sameField } from "../core/normalize";
import { parseState, type InfluencerState } from "./state";
import type { InfluencerInputs } from "./types";
import { isUnknown, type HostProps, type Planned } from "../core/validation";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  /** Every input that differs, for messages and tests (the dynamic DiffResult has no detailed diff). */
  changed: string[];
}

/** `olds` are the stored outputs, `news` the checked inputs (unknowns in a preview). */
export function diffInfluencer(olds: HostProps, news: HostProps): DiffOutcome {
  return diffParsed(parseState(olds), parsePlannedInputs(news));
}

export function diffParsed(olds: InfluencerState, news: Planned<InfluencerInputs>): DiffOutcome {
  const changed: string[] = [];
  const replaces: string[] = [];
  // After an import there is no record of what was declared: compare only what the program
  // declares now and never clear or replace on the strength of a missing old value.
  const imported = olds.declaredFields === undefined;
  const declaredBefore = new Set<string>(olds.declaredFields ?? []);

  if (isUnknown(news.projectId) || olds.projectId !== news.projectId) replaces.push("projectId");
  for (const field of imported ? [] : (["prompt", "cloneFrom"] as const)) {
    if (isUnknown(news[field]) || (olds[field] ?? null) !== (news[field] ?? null)) replaces.push(field);
  }

  // A persona whose generation failed cannot be repaired in place (a failed create that
  // could not delete it leaves one in state): only a new one helps.
  if (olds.status === "failed") replaces.push("status");

  const refs = referenceImageChange(olds, news);
  if (refs === "replace") replaces.push("referenceImageAssetIds");
  if (refs === "change") changed.push("referenceImageAssetIds");

  for (const field of PERSONA_FIELDS) {
    const wanted = news[field];
    if (wanted !== undefined) {
      if (isUnknown(wanted) || !sameField(field, wanted, olds[field])) changed.push(field);
    } else if (declaredBefore.has(field)) {
      // No longer declared: cleared on the persona (name cannot be cleared, it just stops
      // being managed, which is still a change to what Pulumi stores).
      changed.push(field);
    }
  }
  // State-only inputs are not part of the persona: after an import they are recorded by the
  // next real update instead of failing the import's "inputs match" check.
  for (const field of imported ? [] : STATE_ONLY_INPUTS) {
    if (isUnknown(news[field]) || (olds[field] ?? null) !== (news[field] ?? null)) changed.push(field);
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
function referenceImageChange(olds: InfluencerState, news: Planned<InfluencerInputs>): "replace" | "change" | "none" {
  const before = olds.referenceImageAssetIds ?? [];
  const bound = new Set((olds.referenceImages ?? []).map((r) => r.assetId));
  const wanted = news.referenceImageAssetIds;
  // Unknown in preview: it may drop a bound image, so say what `up` may have to do.
  if (isUnknown(wanted)) return before.some((id) => bound.has(id)) ? "replace" : "change";
  const wantedIds = new Set(wanted ?? []);
  if (before.some((id) => !wantedIds.has(id) && bound.has(id))) return "replace";
  for (const id of wantedIds) if (!bound.has(id)) return "change";
  if (before.length !== wantedIds.size || before.some((id) => !wantedIds.has(id))) return "change";
  return "none";
}
