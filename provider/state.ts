// Typed views of the state the provider host hands back as `olds` (diff, update) and
// `props` (read, delete): the outputs written by toOutputs / mediaOutputs of this or any
// earlier version, plus `__provider`. Read leniently (see parseLenient): refresh, update
// and delete of old state must keep working.
import { z } from "zod";
import { influencerRecordSchema, mediaSchema, referenceImageSchema } from "./client/schemas";
import { parseLenient, type HostProps } from "./inputs";
import { checkedMediaSchema } from "./media/check";
import { inputSchema } from "./schema";

const recordedInputs = inputSchema.pick({
  prompt: true, referenceImageAssetIds: true, deleteReason: true, jobTimeoutSeconds: true, adoptId: true, cloneFrom: true, idempotencySeed: true,
}).shape;

const influencerStateSchema = influencerRecordSchema.partial().extend({
  ...recordedInputs,
  referenceImages: z.array(referenceImageSchema.partial().required({ assetId: true })).optional(),
  // Any name: a newer version may declare a field this one does not know.
  declaredFields: z.array(z.string()).optional(),
});

export type InfluencerState = ReturnType<typeof parseState>;

export function parseState(props: HostProps) {
  return parseLenient(influencerStateSchema, props);
}

const mediaStateSchema = mediaSchema.partial().extend({
  ...checkedMediaSchema.pick({ projectId: true, file: true, idempotencySeed: true }).partial().shape,
  contentType: z.string().nullable().optional(),
  sha256: z.string().nullable().optional(),
  sizeBytes: z.number().nullable().optional(),
  /** The declared `url` (`url` itself is the asset's). */
  sourceUrl: z.string().optional(),
});

export type MediaState = ReturnType<typeof parseMediaState>;

export function parseMediaState(props: HostProps) {
  return parseLenient(mediaStateSchema, props);
}
