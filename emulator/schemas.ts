// Request bodies, as the contract words them, and the conversion of zod issues into the
// contract's `details.fieldErrors` (field path → messages).
import { z } from "zod";
import { validation, type FieldErrors } from "./errors";

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const str = (max: number, min = 0) => z.string().min(min).max(max);
const list = () => z.array(str(64)).max(20);

export const CREATE_GENDERS = ["male", "female", "non_binary"] as const;
export const CREATE_AGE_RANGES = ["teen", "young_adult", "adult", "mid_adult", "mature", "senior"] as const;
export const PATCH_GENDERS = ["male", "female", "nonbinary", "non_binary", "unspecified"] as const;
export const LIST_STATUSES = ["draft", "pending", "training", "ready", "failed"] as const;

export const projectBody = z.strictObject({
  name: str(128, 1),
  appDescription: str(2000).optional(),
  targetGender: z.enum(["male", "female", "any"]).optional(),
});

export const createInfluencerBody = z.strictObject({
  gender: z.enum(CREATE_GENDERS).optional(),
  ageRange: z.enum(CREATE_AGE_RANGES).optional(),
  prompt: str(60, 1).optional(),
});

export const personalitySchema = z.strictObject({
  traits: list().optional(),
  tone: str(256).optional(),
  humor: str(256).optional(),
  formality: str(256).optional(),
  values: list().optional(),
  interests: list().optional(),
  speakingStyle: str(256).optional(),
  catchphrases: list().optional(),
});

/** PATCH fields; `null` clears any of them but `name`. */
export const patchFields = {
  name: str(128, 1).optional(),
  gender: z.enum(PATCH_GENDERS).nullable().optional(),
  ageRange: str(16).nullable().optional(),
  ethnicity: str(128).nullable().optional(),
  bodyType: str(128).nullable().optional(),
  hairColor: str(64).nullable().optional(),
  hairStyle: str(128).nullable().optional(),
  style: str(256).nullable().optional(),
  vibe: str(256).nullable().optional(),
  voiceDescription: str(1024).nullable().optional(),
  brandVoice: str(1024).nullable().optional(),
  language: str(35).regex(BCP47, { error: "Must be a BCP-47 language tag such as en or pt-BR." }).nullable().optional(),
  personality: personalitySchema.nullable().optional(),
};
export const patchBody = z.strictObject(patchFields);
export type PatchBody = z.infer<typeof patchBody>;

export const deleteBody = z.strictObject({ reason: str(512).optional() });

export const referenceImagesBody = z.strictObject({
  assetIds: z.array(str(64, 1)).min(1).max(20),
});

export const cloneBody = z.strictObject({
  name: str(128, 1).optional(),
  newInfluencerId: z.string().regex(/^inf_[0-9A-HJKMNP-TV-Z]{26}$/, { error: "Must be inf_ followed by 26 base32 characters." }).optional(),
  overrides: patchBody.optional(),
});

/** Decoded media data limit (CONTRACT.md, media). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
/** So the media upload takes bodies up to 14 MiB (other endpoints keep 1 MiB). */
export const MEDIA_BODY_LIMIT = 14 * 1024 * 1024;
const decodedLength = (b64: string): number => Math.floor((b64.length * 3) / 4) - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);

const CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml"] as const;
export const mediaBody = z.union([
  z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }),
  z.strictObject({
    dataBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: "Must be base64." })
      .refine((b64) => decodedLength(b64) <= MEDIA_MAX_BYTES, { error: "Decoded data must be at most 10 MiB." }),
    contentType: z.enum(CONTENT_TYPES),
  }),
]);

/** Why a create body field is refused, in the words of the current create page. */
const SERVER_SIDE: Record<string, string> = {
  name: "Unrecognized key — name is server-generated.",
  brandVoice: "Unrecognized key — brandVoice is inherited from the project; PATCH it after creation.",
  language: "Unrecognized key — language is inherited from the project; PATCH it after creation.",
  influencerId: "Unrecognized key — influencer ids are server-generated.",
};

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: string, msg: string) => (out[path || "body"] ??= []).push(msg);
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, (!base && SERVER_SIDE[key]) || "Unrecognized key.");
    } else if (issue.code === "invalid_union") {
      add(base, "Send either {url} or {dataBase64, contentType}.");
    } else {
      add(base, issue.message);
    }
  }
  return out;
}

/** Parses a body or throws 422 VALIDATION. A missing body counts as `{}` where every field is optional. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, emptyAllowed = true): z.infer<T> {
  const input = body === undefined && emptyAllowed ? {} : body;
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw validation({ body: ["Expected a JSON object."] });
  }
  const r = schema.safeParse(input);
  if (!r.success) throw validation(fieldErrorsOf(r.error));
  return r.data;
}
