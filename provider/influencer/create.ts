// create: POST the create surface, wait for the generation job, then apply the declared
// persona. Once the POST is accepted the persona exists, so from there every failure
// either carries its id (the engine records a created-but-failed resource that the next
// `up` finishes) or deletes it first (a failed generation is of no use to anyone).
import { isNotFound, JobFailedError, type InfluencerRecord } from "../client";
import type { PersonaField } from "./fields";
import { createIdempotencyKey } from "./idempotency";
import { parseInputs } from "./inputs";
import { sameField } from "../core/normalize";
import { declaredFields, toOutputs, type InfluencerOutputs, type PersonaRecord } from "./outputs";
import type { InfluencerInputs } from "./types";
import { deadlineFor, type LifecycleContext } from "../core/context";
import { ResourceInitError, reason } from "../core/errors";
import { acceptClone } from "./clone";
import { confirmDeleted } from "./guard";
import { bindMissing, createBody, isSettled, patchBody, setByCreate, waitUntilSettled, whenReady } from "./persona";
import type { HostProps } from "../core/validation";
import { MAX_KEY_GENERATIONS } from "../core/idempotency";

/** Makes a ResourceInitError for a persona that exists, its message given. */
type KeepFailed = (id: string, message: string) => Promise<ResourceInitError>;

/** `props` are the checked inputs plus `__provider`, which a kept failure must carry on. */
export async function createInfluencer(ctx: LifecycleContext, props: HostProps): Promise<{ id: string; outs: InfluencerOutputs }> {
  const inputs = parseInputs(props);
  const keepFailed: KeepFailed = (id, message) => initFailed(ctx, inputs, props.__provider, id, message);
  const projectId = inputs.projectId;
  const accepted: { influencerId: string; jobId?: string; applied?: Set<PersonaField>; adopted?: InfluencerRecord } =
    inputs.adoptId !== undefined ? await adopt(ctx, inputs.adoptId, projectId)
    : inputs.cloneFrom !== undefined ? await acceptClone(ctx, inputs, inputs.cloneFrom)
    : await acceptCreate(ctx, inputs);
  const id = accepted.influencerId;
  // The deadline covers generation, not the time the POST spent queued behind the shared
  // rate limiter or retrying: that is the client's own budget.
  const deadline = deadlineFor(ctx, inputs);

  try {
    if (accepted.jobId) await ctx.client.waitForJob(accepted.jobId, { deadlineMs: Math.max(0, deadline - Date.now()) });
    // An adopted persona still generating would get its generated fields after we compared.
    if (accepted.adopted && !isSettled(accepted.adopted)) accepted.adopted = await waitUntilSettled(ctx, id, deadline);
  } catch (e) {
    if (e instanceof JobFailedError) throw await discardFailed(ctx, projectId, id, e, keepFailed);
    throw await keepFailed(id, `influencer ${id} was accepted but its generation did not finish: ${reason(e)}. ` +
      `Pulumi keeps it in state; the next pulumi up waits for it and applies the persona.`);
  }

  const declared = declaredFields(inputs);
  try {
    // An adopted persona was not made by our POST: apply each declared field it does not
    // already hold (adopting a persona as it is sends no PATCH, so nothing on it changes).
    // A clone applies what its request carried, a create what its POST body carried.
    let record: InfluencerRecord | undefined = accepted.adopted;
    const current = accepted.adopted;
    const skip = accepted.applied ?? setByCreate(inputs);
    const fields = current ? declared.filter((f) => !sameField(f, inputs[f], current[f])) : declared.filter((f) => !skip.has(f));
    if (fields.length) record = await whenReady(ctx, id, deadline, () => ctx.client.patchInfluencer(id, patchBody(inputs, fields)));
    const refs = inputs.referenceImageAssetIds ?? [];
    if (refs.length) {
      const base = record ?? (await ctx.client.getInfluencer(id));
      const images = await bindMissing(ctx, id, projectId, refs, base.referenceImages, deadline);
      record = images ? { ...base, referenceImages: images } : base;
    }
    record ??= await ctx.client.getInfluencer(id);
    return { id, outs: toOutputs(record, inputs, declared) };
  } catch (e) {
    throw await keepFailed(id, `influencer ${id} was created but applying its persona failed: ${reason(e)}. ` +
      `Pulumi keeps it in state; fix the cause and run pulumi up again.`);
  }
}

/**
 * POSTs with the derived Idempotency-Key. A replay means an earlier run got this far: adopt
 * its persona, unless it has been deleted since, then walk on to the next key.
 */
async function acceptCreate(ctx: LifecycleContext, inputs: InfluencerInputs): Promise<{ influencerId: string; jobId?: string; adopted?: InfluencerRecord }> {
  const projectId = inputs.projectId;
  const body = createBody(inputs);
  for (let generation = 0; generation < MAX_KEY_GENERATIONS; generation++) {
    const idempotencyKey = createIdempotencyKey(inputs, generation);
    const envelope = await ctx.client.createInfluencer(projectId, body, { idempotencyKey });
    if (!envelope.replayed) return envelope;
    try {
      await ctx.client.getInfluencer(envelope.influencerId);
      ctx.log?.(`adopting influencer ${envelope.influencerId}: an earlier run created it and stopped before Pulumi recorded it`);
      return envelope;
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await confirmDeleted(ctx, projectId, envelope.influencerId, "create");
    }
  }
  throw new Error(`creating an influencer in project ${projectId}: ${MAX_KEY_GENERATIONS} idempotency keys in a row replayed deleted personas; wait 24 h or change the resource's inputs`);
}

/** `adoptId`: take over an existing persona of the same project instead of POSTing. */
async function adopt(ctx: LifecycleContext, id: string, projectId: string): Promise<{ influencerId: string; jobId?: string; adopted: InfluencerRecord }> {
  const record = await ctx.client.getInfluencer(id).catch((e) => {
    throw new Error(`adoptId: cannot adopt ${id}: ${reason(e)}`);
  });
  if (record.projectId !== projectId) {
    throw new Error(`adoptId: influencer ${id} belongs to project ${record.projectId}, not ${projectId}`);
  }
  return { influencerId: id, adopted: record };
}

/** A failed generation leaves an unusable persona: delete it so the next run starts afresh. */
async function discardFailed(ctx: LifecycleContext, projectId: string, id: string, failure: JobFailedError, keepFailed: KeepFailed): Promise<Error> {
  const why = failure.message.replace(/\.+$/, ""); // the server's message may end a sentence already
  const deleted = new Error(`creating an influencer in project ${projectId}: ${why}. The failed persona ${id} was deleted; run pulumi up to try again.`);
  try {
    await ctx.client.deleteInfluencer(id, `pulumi-layers: generation failed (${why})`.slice(0, 512));
    return deleted;
  } catch (e) {
    // A retried DELETE whose first attempt was applied answers 404: deleted is what we wanted.
    if (isNotFound(e) && (await confirmDeleted(ctx, projectId, id, "create").then(() => true, () => false))) return deleted;
    return keepFailed(id, `influencer ${id} failed to generate (${why}) and could not be deleted ` +
      `(${reason(e)}); Pulumi keeps it in state and the next pulumi up replaces it.`);
  }
}

/**
 * The error that makes the engine keep a persona that exists but is not finished. The host
 * does not add `__provider` to its properties: without it a later refresh or destroy of the
 * persona finds no provider to run.
 */
async function initFailed(ctx: LifecycleContext, inputs: InfluencerInputs, provider: unknown, id: string, message: string): Promise<ResourceInitError> {
  // Nothing better known: the persona fields stay unset, so the next diff re-applies them.
  const record: PersonaRecord = await ctx.client.getInfluencer(id).catch(() => ({ influencerId: id, projectId: inputs.projectId, status: "pending", referenceImages: [] }));
  const outs = toOutputs(record, inputs, declaredFields(inputs));
  // The dynamic host needs its provider text back; the plugin has none to add.
  return new ResourceInitError(message, id, provider === undefined ? outs : { ...outs, __provider: provider });
}
