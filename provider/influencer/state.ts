// A typed view of the state a host hands back as `olds` (diff, update) and `props`
// (read, delete): the outputs written by toOutputs of this or any
// earlier version, plus `__provider`. Read leniently (see parseLenient): refresh, update
// and delete of old state must keep working.
import { z } from "zod";
import { influencerRecordSchema, referenceImageSchema } from "../client/schemas";
import { inputSchema } from "./schema";
import { parseLenient, type HostProps } from "../core/validation";

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
