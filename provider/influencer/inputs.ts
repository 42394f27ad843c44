// Where the provider host's property bags become typed values. The host hands every
// lifecycle call plain `Record<string, unknown>`s; each lifecycle entry parses them here
// once, so the code below it works with InfluencerInputs instead of casts.
// Rules (lengths, id formats) are check's to report field by field before any API call;
// parsing guarantees the shape the code relies on (types, known keys, enum values).
import type { z } from "zod";
import { declared, parsePlanned, parseWith, type HostProps, type Planned } from "../core/validation";
import { allowedKeysHint, inputSchema } from "./schema";
import type { InfluencerInputs } from "./types";

/** The program's inputs for create and update (never unknown there). */
export function parseInputs(props: HostProps): InfluencerInputs {
  return parseWith(inputSchema, declared(props), allowedKeysHint);
}

/** The program's inputs for diff: a value that is or holds an unknown is UNKNOWN_INPUT. */
export function parsePlannedInputs(props: HostProps): Planned<InfluencerInputs> {
  return parsePlanned<InfluencerInputs>(plannedSchema, props, allowedKeysHint);
}

// In a preview any field may be unknown, projectId included: the known rest is all there is to parse.
const plannedSchema = inputSchema.partial();

// The schema is the one definition of what a program may declare; types.ts documents it.
// This stops compiling when the two disagree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<z.input<typeof inputSchema>, InfluencerInputs> = true;
void schemaMatchesTypes;
