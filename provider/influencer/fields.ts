// The vocabulary of an Influencer: which inputs exist, which the API reads back, and the
// contract's limits. Everything else (schemas, diff, create body) is derived from here so
// that a new persona field is added in one place.

/** Spellings the create endpoint accepts (CONTRACT.md, "Influencers"). */
export const CREATE_GENDERS = ["male", "female", "non_binary"] as const;
export const CREATE_AGE_RANGES = ["teen", "young_adult", "adult", "mid_adult", "mature", "senior"] as const;

/** Spellings PATCH accepts; `non_binary` reads back as `nonbinary`. */
export const PATCH_GENDERS = ["male", "female", "nonbinary", "non_binary", "unspecified"] as const;

/** Free-form persona strings and their maximum lengths (PATCH limits). */
export const PERSONA_STRING_LIMITS = {
  ageRange: 16,
  ethnicity: 128,
  bodyType: 128,
  hairColor: 64,
  hairStyle: 128,
  style: 256,
  vibe: 256,
  voiceDescription: 1024,
  brandVoice: 1024,
  language: 35,
} as const;

/**
 * Persona fields: set by PATCH, read back by GET, compared for drift. `name` cannot be
 * cleared (the API refuses null for it), the others are cleared with null.
 */
export const PERSONA_FIELDS = [
  "name",
  "gender",
  "ageRange",
  "ethnicity",
  "bodyType",
  "hairColor",
  "hairStyle",
  "style",
  "vibe",
  "voiceDescription",
  "brandVoice",
  "language",
  "personality",
] as const;
export type PersonaField = (typeof PERSONA_FIELDS)[number];

export const PERSONA_STRING_KEYS = Object.keys(PERSONA_STRING_LIMITS) as (keyof typeof PERSONA_STRING_LIMITS)[];

export const PERSONALITY_STRING_KEYS = ["tone", "humor", "formality", "speakingStyle"] as const;
export const PERSONALITY_LIST_KEYS = ["traits", "values", "interests", "catchphrases"] as const;
export const PERSONALITY_STRING_MAX = 256;
export const PERSONALITY_LIST_MAX_ITEMS = 20;
export const PERSONALITY_LIST_ITEM_MAX = 64;

export const NAME_MAX = 128;
export const PROMPT_MAX = 60;
export const DELETE_REASON_MAX = 512;
/** The reference-images endpoint takes at most this many ids per call. */
export const BIND_BATCH_MAX = 20;

/**
 * The inputs a program may declare, in the order error messages list them (the input
 * schema's order; the class sets `idempotencySeed` itself). Kept here, free of zod, so that
 * importing the package does not load the schemas (provider/influencer/validate.ts).
 */
export const INPUT_KEYS = [
  "projectId",
  "prompt",
  "name",
  "gender",
  ...PERSONA_STRING_KEYS,
  "personality",
  "referenceImageAssetIds",
  "deleteReason",
  "jobTimeoutSeconds",
  "adoptId",
  "cloneFrom",
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

/** Inputs that change only what Pulumi stores, never the persona: no API call on change. */
export const STATE_ONLY_INPUTS = ["deleteReason", "jobTimeoutSeconds"] as const;
