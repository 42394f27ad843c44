// read: refresh, import and Influencer.get. Reports the persona as the API has it, so
// changes made in the Layers dashboard show up as drift in the next diff.
import { isNotFound } from "../client";
import { importedInputs, toOutputs } from "../outputs";
import type { LifecycleContext } from "./context";
import { confirmDeleted } from "./guard";

type Props = Record<string, unknown>;

export interface ReadOutcome {
  id?: string;
  props?: Props;
  inputs?: Props;
}

export async function readInfluencer(ctx: LifecycleContext, id: string, props: Props | undefined): Promise<ReadOutcome> {
  const known = props && typeof props.projectId === "string" ? props : undefined;
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
    return { id, props: toOutputs(record, { projectId: record.projectId }, undefined), inputs: importedInputs(record) };
  }
  const declared = Array.isArray(known.declaredFields) ? (known.declaredFields as string[]) : undefined;
  // Inputs are not returned on refresh: they must keep what the program declared, or drift
  // would be written into them and vanish from the next diff.
  return { id, props: toOutputs(record, known, declared) };
}
