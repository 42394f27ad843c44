// A typed view of a Media's stored state (diff, update, read, delete): the outputs written
// by mediaOutputs of this or any earlier version. Read leniently (see parseLenient).
import { z } from "zod";
import { mediaSchema } from "../client/schemas";
import { parseLenient, type HostProps } from "../core/validation";
import { checkedMediaSchema } from "./check";

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
