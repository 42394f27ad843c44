// cloneFrom: an A/B variant made by POST /v1/influencers/:id/clone. The provider chooses
// the clone's id (`newInfluencerId`) from the resource's identity, so a re-run after a
// crash asks for the same id and finds the clone the killed run made, even when the
// Idempotency-Key no longer matches (body edited, 24 h passed): the API answers 409 for an
// id that exists, and a GET tells a live clone (adopt) from a deleted one (next id).
import { isConflict, isNotFound, type InfluencerRecord } from "../client";
import { cloneIdempotencyKey, cloneInfluencerId } from "./idempotency";
import type { PersonaField } from "./fields";
import { compact } from "../core/normalize";
import { declaredFields } from "./outputs";
import { deadlineFor, type LifecycleContext } from "../core/context";
import { reason } from "../core/errors";
import { confirmDeleted } from "./guard";
import { patchBody, waitUntilSettled } from "./persona";
import type { InfluencerInputs } from "./types";
import { MAX_KEY_GENERATIONS } from "../core/idempotency";

export interface AcceptedClone {
  influencerId: string;
  jobId?: string;
  /** Declared fields the clone request applied (as overrides and name): no PATCH needed. */
  applied: Set<PersonaField>;
}

/** Pauses before asking again about an id answered 409 (see acceptClone): ~3.5 s in all. */
const CONFLICT_WAITS_MS = [0, 500, 1000, 2000];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `sourceId` is the declared cloneFrom. */
export async function acceptClone(ctx: LifecycleContext, inputs: InfluencerInputs, sourceId: string): Promise<AcceptedClone> {
  const projectId = inputs.projectId;
  const deadline = deadlineFor(ctx, inputs);
  await readySource(ctx, sourceId, projectId, deadline);

  const declared = declaredFields(inputs);
  const overrides = patchBody(inputs, declared.filter((f) => f !== "name"));
  let conflicts = 0;
  for (let generation = 0; generation < MAX_KEY_GENERATIONS; generation++) {
    const newInfluencerId = cloneInfluencerId(inputs, generation);
    const body = compact({
      name: inputs.name,
      newInfluencerId,
      overrides: Object.keys(overrides).length ? overrides : undefined,
    });
    let envelope;
    try {
      envelope = await ctx.client.cloneInfluencer(sourceId, body, { idempotencyKey: cloneIdempotencyKey(inputs, generation, body) });
    } catch (e) {
      if (isNotFound(e)) throw sourceGone(sourceId, e);
      if (!isConflict(e)) throw e;
      // The id is taken, or the source stopped being clonable, or this very request is in flight.
      const live = await liveClone(ctx, newInfluencerId, projectId);
      if (live) {
        ctx.log?.(`adopting influencer ${newInfluencerId}: an earlier run cloned it from ${sourceId} and stopped before Pulumi recorded it`);
        await waitUntilSettled(ctx, newInfluencerId, deadline);
        return { influencerId: newInfluencerId, applied: new Set() }; // its persona may predate edits: apply all
      }
      // The same id again, the source ready: the contract gives all three 409s one code, so
      // only persistence tells them apart. A request of ours still in flight (a retried POST,
      // or a killed run's orphaned host) ends within moments and then replays; a deleted
      // clone's id stays taken. Walking on too early would make a second clone.
      if (conflicts < CONFLICT_WAITS_MS.length) {
        await sleep(CONFLICT_WAITS_MS[conflicts++]);
        await readySource(ctx, sourceId, projectId, deadline);
        generation--;
        continue;
      }
      await confirmDeleted(ctx, projectId, newInfluencerId, "clone");
      conflicts = 0;
      continue;
    }
    if (!envelope.replayed || (await liveClone(ctx, envelope.influencerId, projectId))) {
      if (envelope.replayed) ctx.log?.(`adopting influencer ${envelope.influencerId}: an earlier run cloned it from ${sourceId} and stopped before Pulumi recorded it`);
      return { influencerId: envelope.influencerId, jobId: envelope.jobId, applied: new Set(declared) };
    }
    // A replay naming a clone deleted since (destroy and re-create within 24 h): next id.
    await confirmDeleted(ctx, projectId, envelope.influencerId, "clone");
  }
  throw new Error(`cloneFrom: ${MAX_KEY_GENERATIONS} clone ids in a row name deleted clones of ${sourceId}; wait 24 h or rename the resource`);
}

/** The source, ready to clone: waited for while it generates; gone, foreign or failed is an error naming cloneFrom. */
async function readySource(ctx: LifecycleContext, sourceId: string, projectId: string, deadline: number): Promise<InfluencerRecord> {
  let source: InfluencerRecord;
  try {
    source = await ctx.client.getInfluencer(sourceId);
  } catch (e) {
    if (isNotFound(e)) throw sourceGone(sourceId, e);
    throw e;
  }
  if (source.projectId !== projectId) {
    throw new Error(`cloneFrom: influencer ${sourceId} belongs to project ${source.projectId}, not ${projectId}; a clone is made in its source's project`);
  }
  if (source.status !== "ready" && source.status !== "failed") {
    ctx.log?.(`cloneFrom: influencer ${sourceId} is still ${source.status}; waiting for it before cloning`);
    source = await waitUntilSettled(ctx, sourceId, deadline);
  }
  if (source.status === "failed") {
    throw new Error(`cloneFrom: influencer ${sourceId} failed to generate and cannot be cloned; replace it first`);
  }
  return source;
}

/** The clone with this id, when it exists, is live and is in the project. */
async function liveClone(ctx: LifecycleContext, id: string, projectId: string): Promise<InfluencerRecord | undefined> {
  try {
    const record = await ctx.client.getInfluencer(id);
    return record.projectId === projectId ? record : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

function sourceGone(sourceId: string, e: unknown): Error {
  return new Error(`cloneFrom: influencer ${sourceId} does not exist (deleted, or not visible to this API key): ${reason(e)}`);
}
