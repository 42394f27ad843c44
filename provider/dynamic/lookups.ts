// Data sources, Pulumi-style, as plain functions: dynamic providers have no invokes, so
// these run in the program process (in `pulumi preview` too). They read the provider's
// settings the way the provider does (layers:apiKey / layers:baseUrl, then LAYERS_API_KEY /
// LAYERS_BASE_URL) and go through the same client, hence the same retries, rate limiting
// and errors. Results hold API data only, never the key.
import * as pulumi from "@pulumi/pulumi";
import { LayersClient } from "../client";
import { MissingApiKeyError, readSettings, type ConfigSource } from "../core/settings";
import * as lookups from "../influencer/lookups";
import type { GetInfluencerArgs, GetInfluencerResult, GetInfluencersArgs, GetInfluencersResult, InfluencerStatus } from "../influencer/lookups";

export type { GetInfluencerArgs, GetInfluencerResult, GetInfluencersArgs, GetInfluencersResult, InfluencerStatus, InfluencerSummary } from "../influencer/lookups";

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
export function getInfluencers(args: GetInfluencersArgs): Promise<GetInfluencersResult> {
  return lookups.getInfluencers(args, () => client("getInfluencers"));
}

/** One persona, the full record (as `GET /v1/influencers/:id` reports it). */
export function getInfluencer(args: GetInfluencerArgs): Promise<GetInfluencerResult> {
  return lookups.getInfluencer(args, () => client("getInfluencer"));
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
