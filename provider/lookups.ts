// Data sources, Pulumi-style, as plain functions: dynamic providers have no invokes, so
// these run in the program process (in `pulumi preview` too). They read the provider's
// settings the way the provider does (layers:apiKey / layers:baseUrl, then LAYERS_API_KEY /
// LAYERS_BASE_URL) and go through the same client, hence the same retries, rate limiting
// and errors. Results hold API data only, never the key.
import * as pulumi from "@pulumi/pulumi";
import { isNotFound, LayersClient, type InfluencerListItem, type InfluencerRecord } from "./client";
import { reason } from "./lifecycle/errors";
import { INFLUENCER_ID, UUID } from "./schema";
import { MissingApiKeyError, readSettings, type ConfigSource } from "./settings";

/** Statuses the list endpoint filters by. */
export const LIST_STATUSES = ["draft", "pending", "training", "ready", "failed"] as const;
export type InfluencerStatus = (typeof LIST_STATUSES)[number];

export interface GetInfluencersArgs {
  projectId: string;
  /** Only personas with this status. */
  status?: InfluencerStatus;
}

export type InfluencerSummary = InfluencerListItem;

export interface GetInfluencersResult {
  projectId: string;
  /** Every persona of the project (every page), newest first. Deleted ones are never listed. */
  influencers: InfluencerSummary[];
}

export interface GetInfluencerArgs {
  influencerId: string;
}

export type GetInfluencerResult = InfluencerRecord;

/** The largest page the list endpoint serves: fewest requests. */
const PAGE_SIZE = 100;

/** `layers:*` stack config, read in the program like the provider host reads it. */
const programConfig: ConfigSource = {
  get(key) {
    const [namespace, name] = key.split(":");
    return new pulumi.Config(namespace).get(name);
  },
};

function client(fn: string): LayersClient {
  const settings = readSettings(programConfig);
  if (!settings.apiKey) throw new Error(`layers.${fn}: ${new MissingApiKeyError().message}`);
  return new LayersClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey });
}

/** Every persona of a project, following every page. */
export async function getInfluencers(args: GetInfluencersArgs): Promise<GetInfluencersResult> {
  const { projectId, status } = args ?? ({} as GetInfluencersArgs);
  if (typeof projectId !== "string" || !UUID.test(projectId)) {
    throw new Error(`layers.getInfluencers: projectId must be a Layers project id (a UUID) (got ${JSON.stringify(projectId)})`);
  }
  if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status)) {
    throw new Error(`layers.getInfluencers: status must be one of ${LIST_STATUSES.join(", ")} (got ${JSON.stringify(status)})`);
  }
  const api = client("getInfluencers");
  const influencers: InfluencerSummary[] = [];
  const seen = new Set<string>();
  const cursors = new Set<string>();
  let cursor: string | undefined;
  try {
    do {
      const page = await api.listInfluencers(projectId, { cursor, limit: PAGE_SIZE, status });
      // Keyset pages do not repeat items; a persona listed twice would still be one persona.
      for (const item of page.items) if (!seen.has(item.influencerId) && seen.add(item.influencerId)) influencers.push(item);
      cursor = page.nextCursor ?? undefined;
      if (cursor !== undefined && cursors.has(cursor)) throw new Error(`the API returned the same page cursor twice (${cursor})`);
      if (cursor !== undefined) cursors.add(cursor);
    } while (cursor !== undefined);
  } catch (e) {
    throw new Error(`layers.getInfluencers(${projectId}): ${reason(e)}`);
  }
  return { projectId, influencers };
}

/** One persona, the full record (as `GET /v1/influencers/:id` reports it). */
export async function getInfluencer(args: GetInfluencerArgs): Promise<GetInfluencerResult> {
  const influencerId = args?.influencerId;
  if (typeof influencerId !== "string" || !INFLUENCER_ID.test(influencerId)) {
    throw new Error(`layers.getInfluencer: influencerId must be an influencer id (inf_ followed by 26 characters) (got ${JSON.stringify(influencerId)})`);
  }
  try {
    return await client("getInfluencer").getInfluencer(influencerId);
  } catch (e) {
    if (isNotFound(e)) throw new Error(`layers.getInfluencer: influencer ${influencerId} does not exist (deleted, or not visible to this API key): ${reason(e)}`);
    throw new Error(`layers.getInfluencer(${influencerId}): ${reason(e)}`);
  }
}

export interface GetInfluencersOutputArgs {
  projectId: pulumi.Input<string>;
  status?: pulumi.Input<InfluencerStatus>;
}

export interface GetInfluencerOutputArgs {
  influencerId: pulumi.Input<string>;
}

/** getInfluencers taking and returning Outputs (waits for unknown inputs, e.g. a new project's id). */
export function getInfluencersOutput(args: GetInfluencersOutputArgs): pulumi.Output<GetInfluencersResult> {
  return pulumi.output(args).apply((a) => getInfluencers(a as GetInfluencersArgs));
}

/** getInfluencer taking and returning Outputs. */
export function getInfluencerOutput(args: GetInfluencerOutputArgs): pulumi.Output<GetInfluencerResult> {
  return pulumi.output(args).apply((a) => getInfluencer(a as GetInfluencerArgs));
}
