// What the plugin classes register beside the program's arguments.
import type * as pulumi from "@pulumi/pulumi";
import { OUTPUT_KEYS } from "../spec/generated";

/** Every output of the resource `token`, registered as undefined so the engine fills it in. */
export function outputSlots(token: keyof typeof OUTPUT_KEYS): Record<string, undefined> {
  return Object.fromEntries(OUTPUT_KEYS[token].map((k) => [k, undefined]));
}

/**
 * Delete before replace unless the program says otherwise: a forced `pulumi up --replace`
 * sends the same inputs, hence the same derived create Idempotency-Key, and created first,
 * the replacement would adopt the persona about to be deleted.
 */
export function withDefaults(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return { ...opts, deleteBeforeReplace: opts?.deleteBeforeReplace ?? true };
}
