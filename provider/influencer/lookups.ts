// The look-ups (data sources): every persona of a project, and one persona by id. Shared by
// the program-side functions of the dynamic resource (dynamic/lookups.ts) and the plugin's
// invokes. `api` is called only once the arguments are valid, so a bad argument is reported
// before a missing key.
import { isNotFound, type InfluencerListItem, type LayersClient } from "../client";
import type { GetInfluencerArgs, GetInfluencerResult, GetInfluencersArgs, GetInfluencersResult, InfluencerSummary } from "../spec/generated";
import { reason } from "../core/errors";
import { INFLUENCER_ID, UUID } from "../core/validation";

/** Statuses the list endpoint filters by. */
export const LIST_STATUSES = ["draft", "pending", "training", "ready", "failed"] as const;

export type { GetInfluencerArgs, GetInfluencerResult, GetInfluencersArgs, GetInfluencersResult, InfluencerStatus, InfluencerSummary } from "../spec/generated";

/** The largest page the list endpoint serves: fewest requests. */
const PAGE_SIZE = 100;

/** Every persona of a project, following every page. */
export async function getInfluencers(args: GetInfluencersArgs, api: () => LayersClient): Promise<GetInfluencersResult> {
  const { projectId, status } = args ?? ({} as GetInfluencersArgs);
  if (typeof projectId !== "string" || !UUID.test(projectId)) {
    throw new Error(`layers.getInfluencers: projectId must be a Layers project id (a UUID) (got ${JSON.stringify(projectId)})`);
  }
  if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status)) {
    throw new Error(`layers.getInfluencers: status must be one of ${LIST_STATUSES.join(", ")} (got ${JSON.stringify(status)})`);
  }
  const list = api();
  const influencers: InfluencerListItem[] = [];
  const seen = new Set<string>();
  const cursors = new Set<string>();
  let cursor: string | undefined;
  try {
    do {
      const page = await list.listInfluencers(projectId, { cursor, limit: PAGE_SIZE, status });
      // Keyset pages do not repeat items; a persona listed twice would still be one persona.
      for (const item of page.items) if (!seen.has(item.influencerId) && seen.add(item.influencerId)) influencers.push(item);
      cursor = page.nextCursor ?? undefined;
      if (cursor !== undefined && cursors.has(cursor)) throw new Error(`the API returned the same page cursor twice (${cursor})`);
      if (cursor !== undefined) cursors.add(cursor);
    } while (cursor !== undefined);
  } catch (e) {
    throw new Error(`layers.getInfluencers(${projectId}): ${reason(e)}`);
  }
  // The API may add statuses; the types name the ones it documents (others read as not ready).
  return { projectId, influencers: influencers as InfluencerSummary[] };
}

/** One persona, the full record (as `GET /v1/influencers/:id` reports it). */
export async function getInfluencer(args: GetInfluencerArgs, api: () => LayersClient): Promise<GetInfluencerResult> {
  const influencerId = args?.influencerId;
  if (typeof influencerId !== "string" || !INFLUENCER_ID.test(influencerId)) {
    throw new Error(`layers.getInfluencer: influencerId must be an influencer id (inf_ followed by 26 characters) (got ${JSON.stringify(influencerId)})`);
  }
  try {
    return (await api().getInfluencer(influencerId)) as GetInfluencerResult;
  } catch (e) {
    if (isNotFound(e)) throw new Error(`layers.getInfluencer: influencer ${influencerId} does not exist (deleted, or not visible to this API key): ${reason(e)}`);
    throw new Error(`layers.getInfluencer(${influencerId}): ${reason(e)}`);
  }
}
