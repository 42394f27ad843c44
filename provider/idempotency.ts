// The create's Idempotency-Key, derived from what identifies the persona in the program
// instead of drawn at random: a provider host that dies after the POST was accepted leaves
// no trace in state, and the re-run must send the same key to adopt that persona instead
// of creating a second one.
import { createHash } from "node:crypto";
import { canonicalJson } from "./normalize";

/**
 * Inputs that identify *which* persona a create makes. Persona fields (name, style, …) are
 * left out: they are applied by PATCH, so editing them between a crash and the re-run must
 * still adopt. Reference images are in: removing one replaces the persona, and the
 * replacement must not replay the persona it replaces.
 */
function identity(inputs: Record<string, unknown>): unknown {
  return {
    seed: inputs.idempotencySeed ?? null,
    projectId: inputs.projectId,
    gender: inputs.gender ?? null,
    ageRange: inputs.ageRange ?? null,
    prompt: inputs.prompt ?? null,
    referenceImageAssetIds: inputs.referenceImageAssetIds ?? null,
  };
}

/**
 * Key number `generation` of a persona. Generation 0 is tried first; when its replay names
 * a persona that has been deleted since (a destroy and re-create within the API's 24 h
 * window), the next generation is tried. The sequence is deterministic so a re-run walks
 * the same keys and adopts the first live persona.
 */
export function createIdempotencyKey(inputs: Record<string, unknown>, generation: number): string {
  const digest = createHash("sha256").update(canonicalJson(identity(inputs))).update(`#${generation}`).digest("hex");
  return `pulumi-layers-${digest.slice(0, 48)}`;
}

/** How many deleted replays in a row are walked past before giving up. */
export const MAX_KEY_GENERATIONS = 20;
