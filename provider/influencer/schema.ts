// An Influencer's inputs as zod schemas (the contract's enums and limits), and check's
// validation of them: one failure per bad field, before any API call.
import { z } from "zod";
import { DELETE_REASON_MAX, INPUT_KEYS, NAME_MAX, PATCH_GENDERS, PERSONA_STRING_KEYS, PERSONA_STRING_LIMITS, PERSONALITY_LIST_ITEM_MAX, PERSONALITY_LIST_KEYS, PERSONALITY_LIST_MAX_ITEMS, PERSONALITY_STRING_KEYS, PERSONALITY_STRING_MAX, PROMPT_MAX, type InputKey } from "./fields";
import { containsUnknown, INFLUENCER_ID, MEDIA_ID, UUID, zodFailures, type CheckFailure } from "../core/validation";

const influencerIdSchema = () => z.string().regex(INFLUENCER_ID, { error: "must be an influencer id (inf_ followed by 26 characters)" });
// BCP-47 in the shape the API stores: a 2-3 letter language, then subtags of 1-8 alphanumerics.
const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

const text = (max: number, min = 0) =>
  z.string().min(min).max(max);

/** `{ key: schema(key) }` for each key, typed per key (Object.fromEntries alone loses the keys). */
function shapeOf<K extends string, S extends z.ZodType>(keys: readonly K[], schema: (key: K) => S): Record<K, S> {
  return Object.fromEntries(keys.map((k) => [k, schema(k)])) as Record<K, S>;
}

export const personalitySchema = z
  .object({
    ...shapeOf(PERSONALITY_STRING_KEYS, () => text(PERSONALITY_STRING_MAX).optional()),
    ...shapeOf(PERSONALITY_LIST_KEYS, () => z.array(text(PERSONALITY_LIST_ITEM_MAX)).max(PERSONALITY_LIST_MAX_ITEMS).optional()),
  })
  .strict();

const personaStrings = shapeOf(PERSONA_STRING_KEYS, (k) => text(PERSONA_STRING_LIMITS[k]).optional());

export const inputSchema = z
  .object({
    projectId: z.string().regex(UUID, { error: "must be a Layers project id (a UUID)" }),
    prompt: text(PROMPT_MAX, 1).optional(),
    name: text(NAME_MAX, 1).optional(),
    gender: z.enum(PATCH_GENDERS).optional(),
    ...personaStrings,
    language: text(PERSONA_STRING_LIMITS.language)
      .regex(BCP47, { error: "must be a BCP-47 language tag such as en or pt-BR" })
      .optional(),
    personality: personalitySchema.optional(),
    referenceImageAssetIds: z
      .array(z.string().regex(MEDIA_ID, { error: "must be a media asset id (med_ followed by 26 characters)" }))
      .refine((ids) => new Set(ids).size === ids.length, { error: "must not list the same asset id twice" })
      .optional(),
    deleteReason: text(DELETE_REASON_MAX).optional(),
    jobTimeoutSeconds: z.number().positive().max(86_400).optional(),
    adoptId: influencerIdSchema().optional(),
    cloneFrom: influencerIdSchema().optional(),
    idempotencySeed: z.string().max(1024).optional(),
  })
  .strict();

/**
 * Validates inputs the way the API would, before any call. Fields that are unknown during
 * preview are skipped (they are checked again once known, at `up`). `undefined`/`null`
 * values count as "not declared".
 */
export function validateInputs(inputs: Record<string, unknown>): CheckFailure[] {
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (key === "__provider" || value === undefined || value === null || containsUnknown(value)) continue;
    known[key] = value;
  }
  // projectId may be unknown in preview (a project created in the same program); only a
  // missing one is an error.
  if (!("projectId" in inputs) || inputs.projectId === undefined || inputs.projectId === null) {
    const others = validateKnown({ ...known, projectId: "00000000-0000-0000-0000-000000000000" });
    return [{ property: "projectId", reason: "projectId is required: the Layers project (UUID) the persona belongs to" }, ...others];
  }
  if (!("projectId" in known)) known.projectId = "00000000-0000-0000-0000-000000000000";
  return [...validateKnown(known), ...combinationFailures(inputs)];
}

/** Inputs that exclude each other. A value unknown in preview counts as declared. */
function combinationFailures(inputs: Record<string, unknown>): CheckFailure[] {
  const declared = (key: string) => inputs[key] !== undefined && inputs[key] !== null;
  if (!declared("cloneFrom")) return [];
  const failures: CheckFailure[] = [];
  if (declared("adoptId")) {
    failures.push({ property: "cloneFrom", reason: "cloneFrom: cannot be combined with adoptId; declare either a clone of a persona or the adoption of one" });
  }
  if (declared("prompt")) {
    failures.push({ property: "prompt", reason: "prompt: cannot be combined with cloneFrom; a clone starts from its source's persona, the prompt only steers a fresh generation" });
  }
  return failures;
}

function validateKnown(known: Record<string, unknown>): CheckFailure[] {
  return zodFailures(inputSchema, known, allowedKeysHint);
}

export function allowedKeysHint(path: PropertyKey[]): string {
  if (path.length === 1 && path[0] === "personality") {
    return `personality takes ${[...PERSONALITY_STRING_KEYS, ...PERSONALITY_LIST_KEYS].join(", ")}`;
  }
  return `Influencer takes ${INPUT_KEYS.join(", ")}`;
}

// The schema declares exactly INPUT_KEYS and idempotencySeed: a key added to one and not the
// other fails the type check (the order is a unit test's, test/provider/schema.test.ts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaKeysAreInputKeys: Same<keyof typeof inputSchema.shape, InputKey | "idempotencySeed"> = true;
void schemaKeysAreInputKeys;
