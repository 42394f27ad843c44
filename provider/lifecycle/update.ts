// update: PATCH only what changed, bind added reference images. Also finishes a persona a
// failed create left behind (still generating, persona not yet applied).
import { PERSONA_FIELDS } from "../fields";
import { declaredFields, toOutputs } from "../outputs";
import { diffInfluencer } from "../diff";
import { isNotFound, type APIError, type InfluencerRecord } from "../client";
import { deadlineFor, type LifecycleContext } from "./context";
import { bindMissing, patchBody, waitUntilSettled, whenReady } from "./persona";

type Props = Record<string, unknown>;

export async function updateInfluencer(ctx: LifecycleContext, id: string, olds: Props, news: Props): Promise<Props> {
  try {
    return await applyUpdate(ctx, id, olds, news);
  } catch (e) {
    if (!isNotFound(e) || (e as APIError).path !== `/v1/influencers/${id}`) throw e;
    throw new Error(`influencer ${id} no longer exists in Layers (deleted outside Pulumi?); run pulumi up --refresh to drop it from state and create it again (${(e as Error).message})`);
  }
}

async function applyUpdate(ctx: LifecycleContext, id: string, olds: Props, news: Props): Promise<Props> {
  const deadline = deadlineFor(ctx, news);
  const projectId = news.projectId as string;
  let record: InfluencerRecord | undefined;
  if (olds.status !== "ready") {
    record = await waitUntilSettled(ctx, id, deadline);
    if (record.status === "failed") {
      throw new Error(`influencer ${id} failed to generate and cannot be changed; replace it with pulumi up --replace <urn>`);
    }
  }
  const changed = new Set(diffInfluencer(olds, news).changed);
  const fields = PERSONA_FIELDS.filter((f) => changed.has(f));
  const body = patchBody(news, fields);
  if (Object.keys(body).length) {
    record = await whenReady(ctx, id, deadline, () => ctx.client.patchInfluencer(id, body));
  }
  // Nothing re-read when nothing changed through the API: the old outputs are what it reported.
  let current = record ?? (olds as unknown as InfluencerRecord);
  const refs = (news.referenceImageAssetIds as string[] | undefined) ?? [];
  if (changed.has("referenceImageAssetIds") && refs.length) {
    const images = await bindMissing(ctx, id, projectId, refs, current.referenceImages ?? [], deadline);
    if (images) current = { ...current, referenceImages: images };
  }
  return toOutputs(current, news, declaredFields(news));
}
