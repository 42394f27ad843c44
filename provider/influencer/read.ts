// read: refresh, import and Influencer.get. Reports the persona as the API has it, so
// changes made in the Layers dashboard show up as drift in the next diff.
import { isNotFound } from "../client";
import { importedInputs, toOutputs, type InfluencerOutputs } from "./outputs";
import { parseState } from "./state";
import type { LifecycleContext } from "../core/context";
import { confirmDeleted } from "./guard";
import type { HostProps } from "../core/validation";

export interface ReadOutcome {
  id?: string;
  props?: InfluencerOutputs;
  inputs?: HostProps;
}

/** `props` are the stored outputs on refresh; on import or get there are none (or no projectId). */
export async function readInfluencer(ctx: LifecycleContext, id: string, props: HostProps | undefined): Promise<ReadOutcome> {
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
  // Inputs are not returned on refresh: they must keep what the program declared, or drift
  // would be written into them and vanish from the next diff.
  return { id, props: toOutputs(record, known, known.declaredFields) };
}
