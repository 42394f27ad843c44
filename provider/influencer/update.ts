// update: PATCH only what changed, bind added reference images. Also finishes a persona a
// failed create left behind (still generating, persona not yet applied).
import { PERSONA_FIELDS } from "./fields";
import { parseInputs } from "./inputs";
import { declaredFields, toOutputs, type InfluencerOutputs, type PersonaRecord } from "./outputs";
import { diffParsed } from "./diff";
import { parseState, type InfluencerState } from "./state";
import { isNotFound, type APIError } from "../client";
import type { InfluencerInputs } from "./types";
import { deadlineFor, type LifecycleContext } from "../core/context";
import { bindMissing, patchBody, waitUntilSettled, whenReady } from "./persona";
import type { HostProps } from "../core/validation";

/** `olds` are the stored outputs, `news` the checked inputs. */
export async function updateInfluencer(ctx: LifecycleContext, id: string, olds: HostProps, news: HostProps): Promise<InfluencerOutputs> {
  try {
    return await applyUpdate(ctx, id, parseState(olds), parseInputs(news));
  } catch (e) {
    if (!isNotFound(e) || (e as APIError).path !== `/v1/influencers/${id}`) throw e;
    throw new Error(`influencer ${id} no longer exists in Layers (deleted outside Pulumi?); run pulumi up --refresh to drop it from state and create it again (${(e as Error).message})`);
  }
}

async function applyUpdate(ctx: LifecycleContext, id: string, olds: InfluencerState, news: InfluencerInputs): Promise<InfluencerOutputs> {
  const deadline = deadlineFor(ctx, news);
  let record: PersonaRecord | undefined;
  if (olds.status !== "ready") {
    record = await waitUntilSettled(ctx, id, deadline);
    if (record.status === "failed") {
      throw new Error(`influencer ${id} failed to generate and cannot be changed; replace it with pulumi up --replace <urn>`);
    }
  }
  const changed = new Set(diffParsed(olds, news).changed);
  const fields = PERSONA_FIELDS.filter((f) => changed.has(f));
  const body = patchBody(news, fields);
  if (Object.keys(body).length) {
    record = await whenReady(ctx, id, deadline, () => ctx.client.patchInfluencer(id, body));
  }
  // Nothing re-read when nothing changed through the API: the old outputs are what it
  // reported (a ready persona of this id and project, or diff would have replaced it).
  let current: PersonaRecord = record ?? { ...olds, influencerId: olds.influencerId ?? id, projectId: olds.projectId ?? news.projectId, status: "ready" };
  const refs = news.referenceImageAssetIds ?? [];
  if (changed.has("referenceImageAssetIds") && refs.length) {
    const images = await bindMissing(ctx, id, news.projectId, refs, current.referenceImages ?? [], deadline);
    if (images) current = { ...current, referenceImages: images };
  }
  return toOutputs(current, news, declaredFields(news));
}
