// Idempotency-Keys derived from what identifies a resource in the program, instead of drawn
// at random: a host that dies after a POST was accepted leaves no trace in state, and the
// re-run must send the same key to find what the killed run made.
import { createHash } from "node:crypto";
import { canonicalJson } from "./normalize";

/**
 * Inputs, typed or as the host passed them: the identity fields are hashed as they are,
 * never interpreted, so any record with these keys will do.
 */
export type Hashed<T> = { readonly [K in keyof T]?: unknown };

export function digest(value: unknown, generation: number): Buffer {
  return createHash("sha256").update(canonicalJson(value)).update(`#${generation}`).digest();
}

export const keyOf = (hash: Buffer) => `pulumi-layers-${hash.toString("hex").slice(0, 48)}`;

/** How many deleted replays in a row are walked past before giving up. */
export const MAX_KEY_GENERATIONS = 20;
