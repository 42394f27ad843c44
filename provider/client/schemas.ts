// Response shapes of the Layers API, validated with zod. Tolerant where the API may grow
// (unknown extra fields are dropped, unknown status strings pass through as strings, a
// persona field the server omits reads as null) and strict where a wrong type would corrupt
// state (a number where a string belongs fails loudly).
import { z } from "zod";

/** Nullable string that also accepts "absent" (older or newer servers), read as null. */
const nstr = () => z.string().nullable().default(null);

export const JOB_TERMINAL_STATUSES = ["succeeded", "failed", "canceled"] as const;
export const INFLUENCER_STATUSES = ["pending", "training", "ready", "failed"] as const;

export const personalitySchema = z.object({
  traits: z.array(z.string()).optional(),
  tone: z.string().optional(),
  humor: z.string().optional(),
  formality: z.string().optional(),
  values: z.array(z.string()).optional(),
  interests: z.array(z.string()).optional(),
  speakingStyle: z.string().optional(),
  catchphrases: z.array(z.string()).optional(),
});

export const referenceImageSchema = z.object({
  assetId: z.string(),
  url: z.string(),
  thumbnailUrl: nstr(),
  addedAt: z.string(),
});

export const influencerRecordSchema = z.object({
  influencerId: z.string(),
  projectId: z.string(),
  name: nstr(),
  gender: nstr(),
  ageRange: nstr(),
  ethnicity: nstr(),
  bodyType: nstr(),
  hairColor: nstr(),
  hairStyle: nstr(),
  style: nstr(),
  vibe: nstr(),
  voiceDescription: nstr(),
  brandVoice: nstr(),
  language: nstr(),
  personality: personalitySchema.nullable().default(null),
  referenceImages: z.array(referenceImageSchema).default([]),
  thumbnailUrl: nstr(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const influencerListItemSchema = z.object({
  influencerId: z.string(),
  name: nstr(),
  gender: nstr(),
  ageRange: nstr(),
  status: z.string(),
  thumbnailUrl: nstr(),
  createdAt: z.string(),
});

export const listPageSchema = z.object({
  items: z.array(influencerListItemSchema),
  nextCursor: z.string().nullable().default(null),
});

export const jobErrorSchema = z.object({ code: z.string(), message: z.string().default("") });

export const jobSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  status: z.string(),
  influencerId: z.string().nullable().default(null),
  error: jobErrorSchema.nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable().default(null),
});

export const jobEnvelopeSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  status: z.string(),
  influencerId: z.string(),
  locationUrl: z.string().optional(),
});

export const projectSchema = z.object({
  projectId: z.string(),
  name: z.string(),
  appDescription: nstr(),
  targetGender: nstr(),
  createdAt: z.string(),
});

export const deleteResultSchema = z.object({
  influencerId: z.string(),
  status: z.literal("deleted"),
  deletedAt: z.string(),
});

export const referenceImagesResultSchema = z.object({
  influencerId: z.string(),
  referenceImages: z.array(referenceImageSchema),
});

export const mediaSchema = z.object({
  assetId: z.string(),
  url: z.string(),
  thumbnailUrl: nstr(),
  createdAt: z.string(),
});

export type Personality = z.infer<typeof personalitySchema>;
export type ReferenceImage = z.infer<typeof referenceImageSchema>;
export type InfluencerRecord = z.infer<typeof influencerRecordSchema>;
export type InfluencerListItem = z.infer<typeof influencerListItemSchema>;
export type ListPage = z.infer<typeof listPageSchema>;
export type Job = z.infer<typeof jobSchema>;
export type JobEnvelope = z.infer<typeof jobEnvelopeSchema>;
export type Project = z.infer<typeof projectSchema>;
export type DeleteResult = z.infer<typeof deleteResultSchema>;
export type ReferenceImagesResult = z.infer<typeof referenceImagesResultSchema>;
export type Media = z.infer<typeof mediaSchema>;

export const isTerminalJobStatus = (status: string): boolean =>
  (JOB_TERMINAL_STATUSES as readonly string[]).includes(status);

/** Issues as one short line: `items.0.status: expected string, received number; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}
