// read: refresh, import and Influencer.get. Reports the persona as the API has it, so
// changes made in the Layers dashboard show up as drift in the next diff.
import { isNotFound, type InfluencerRecord } from "../client";
import type { LifecycleContext } from "../core/context";
import { sameField } from "../core/normalize";
import type { HostProps } from "../core/validation";
import { PERSONA_FIELDS } from "./fields";
import { confirmDeleted } from "./guard";
import { importedInputs, toOutputs, type InfluencerOutputs } from "./outputs";
import { parseState, type InfluencerState } from "./state";

export interface ReadOutcome {
  id?: string;
  props?: InfluencerOutputs;
  /** New inputs for the engine: the declared fields as Layers holds them (see driftedInputs). */
  inputs?: HostProps;
}

/**
 * `props` are the stored outputs on refresh; on import or get there are none (or no
 * projectId). `declared` are the inputs the program last declared, when the host has them
 * (the plugin does; the dynamic host passes only outputs, so they are rebuilt from state).
 */
export async function readInfluencer(ctx: LifecycleContext, id: string, props: HostProps | undefined, declared?: HostProps): Promise<ReadOutcome> {
  const state = props && parseState(props);
  const known = state?.projectId !== undefined ? state : undefined;
  let record;
  try {
    record = await ctx.client.getInfluencer(id);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await confirmDeleted(ctx, known?.projectId, id, `refresh of influencer ${id}`);
    return { id: undefined }; // gone: the engine drops it from state
  }
  if (!known) {
    // Import or get: no earlier state. Hand back inputs so the program can be matched to it.
    return { id, props: toOutputs(record, {}, undefined), inputs: importedInputs(record) };
  }
  const outcome: ReadOutcome = { id, props: toOutputs(record, known, known.declaredFields) };
  const inputs = driftedInputs(declared ?? inputsFromState(known), record);
  if (inputs) outcome.inputs = inputs;
  return outcome;
}

/**
 * The declared inputs with each declared persona field that Layers no longer holds set to
 * what Layers holds (null when it cleared it); undefined when no declared field drifted.
 *
 * The engine shows a refresh's drift by comparing these inputs with the program's: so
 * `pulumi preview --refresh` names each drifted field (`[diff: ~style]`), while fields the
 * program does not declare never appear, and once `pulumi up` has put the declared values
 * back, the stored inputs are the program's again. With no drift the stored inputs stay as
 * they are (returning none keeps the program's own spellings).
 */
export function driftedInputs(declared: HostProps, record: InfluencerRecord): HostProps | undefined {
  const drifted = PERSONA_FIELDS.filter((f) => declared[f] !== undefined && declared[f] !== null && !sameField(f, declared[f], record[f]));
  if (!drifted.length) return undefined;
  const inputs = { ...declared };
  for (const field of drifted) inputs[field] = record[field] ?? null;
  return inputs;
}

/**
 * The inputs a stored state was written from: the recorded inputs, and each declared persona
 * field at its last value. (Its last value is what Layers reported after the write, the
 * API's spelling of what was declared, which compares equal to it.)
 */
function inputsFromState(state: InfluencerState): HostProps {
  const inputs: HostProps = {};
  for (const key of ["projectId", "prompt", "referenceImageAssetIds", "deleteReason", "jobTimeoutSeconds", "adoptId", "cloneFrom", "idempotencySeed"] as const) {
    if (state[key] !== undefined) inputs[key] = state[key];
  }
  for (const field of state.declaredFields ?? []) {
    if ((PERSONA_FIELDS as readonly string[]).includes(field)) inputs[field] = state[field as (typeof PERSONA_FIELDS)[number]];
  }
  return inputs;
}
