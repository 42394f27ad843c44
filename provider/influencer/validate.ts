// The Influencer's input rules as plain functions for tools outside Pulumi (the
// persona-catalog example checks a YAML file with them). Their declarations name no zod
// type, so the package's public types stay free of zod's.
import type { CheckFailure } from "../core/check-failure";
import * as schema from "./schema";

/** One failure per bad field, each naming the field and its rule; [] when the inputs are valid. */
export function validateInfluencerArgs(inputs: Record<string, unknown>): CheckFailure[] {
  return schema.validateInputs(inputs);
}

/** The inputs a program may declare. */
export const INFLUENCER_INPUT_KEYS: readonly string[] = schema.PUBLIC_INPUT_KEYS;
