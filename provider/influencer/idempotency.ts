// The create's Idempotency-Key, derived from what identifies the persona in the program
// instead of drawn at random: a provider host that dies after the POST was accepted leaves
// no trace in state, and the re-run must send the same key to adopt that persona instead
// of creating a second one.
import { digest, keyOf, type Hashed } from "../core/idempotency";
import type { InfluencerInputs } from "./types";


/**
 * Inputs that identify *which* persona a create makes. Persona fields (name, style, …) are
 * left out: they are applied by PATCH, so editing them between a crash and the re-run must
 * still adopt. Reference images are in: removing one replaces the persona, and the
 * replacement must not replay the persona it replaces.
 */
function identity(inputs: Hashed<InfluencerInputs>): unknown {
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
export function createIdempotencyKey(inputs: Hashed<InfluencerInputs>, generation: number): string {
  return keyOf(digest(identity(inputs), generation));
}


/**
 * A clone's identity: which persona of the program it is and what it is a clone of. The
 * persona fields (sent as the clone's overrides) are left out, as for a create.
 */
function cloneIdentity(inputs: Hashed<InfluencerInputs>): unknown {
  return {
    kind: "clone",
    seed: inputs.idempotencySeed ?? null,
    projectId: inputs.projectId,
    cloneFrom: inputs.cloneFrom,
    referenceImageAssetIds: inputs.referenceImageAssetIds ?? null,
  };
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The id a clone asks for (`newInfluencerId`), generation `generation` of this resource: a
 * re-run after a crash asks for the same id and finds the clone it made. Shaped like a
 * ULID (the first character ≤ 7) so any ULID-parsing server accepts it.
 */
export function cloneInfluencerId(inputs: Hashed<InfluencerInputs>, generation: number): string {
  const hash = digest(cloneIdentity(inputs), generation);
  let bits = 0n;
  for (const byte of hash.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  let id = "";
  for (let i = 0; i < 26; i++) id += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return `inf_${String(Number(id.charCodeAt(0) % 8))}${id.slice(1)}`;
}

/**
 * The clone POST's Idempotency-Key: the clone's identity and generation, plus the body, so
 * a body edited between a crash and the re-run is a new request (the server would refuse
 * the old key with a different body) that finds the clone by its id instead.
 */
export function cloneIdempotencyKey(inputs: Hashed<InfluencerInputs>, generation: number, body: unknown): string {
  return keyOf(digest({ clone: cloneIdentity(inputs), body }, generation));
}
