// The Influencer's input rules as plain functions for tools outside Pulumi (the
// persona-catalog example checks a YAML file with them). Their declarations name no zod
// type, so the package's public types stay free of zod's.
//
// The schemas load on the first call, not when the package is imported: zod and the schemas
// cost the user's program about 0.1 s of CPU at each `pulumi up` and `preview`, and a program
// that only declares resources never validates in-process (the provider host checks).
import type { CheckFailure } from "../core/check-failure";
import { INPUT_KEYS } from "./fields";
import type * as Schema from "./schema";

/** One failure per bad field, each naming the field and its rule; [] when the inputs are valid. */
export function validateInfluencerArgs(inputs: Record<string, unknown>): CheckFailure[] {
  return (require("./schema") as typeof Schema).validateInputs(inputs);
}

/** The inputs a program may declare. */
export const INFLUENCER_INPUT_KEYS: readonly string[] = INPUT_KEYS;
