// The plugin's functions: layers:index:getInfluencers and layers:index:getInfluencer, the
// same look-ups the dynamic resource's program-side functions run (influencer/lookups.ts).
import type { LayersClient } from "../client";
import type { CheckFailure } from "../core/check-failure";
import { getInfluencer, getInfluencers } from "../influencer/lookups";
import type { GetInfluencerArgs, GetInfluencersArgs } from "../spec/generated";
import { FUNCTION_TOKENS } from "../spec/lookups";
import type { Props } from "./values";

export async function invoke(token: string, args: Props, api: () => LayersClient): Promise<{ value?: Props; failures: CheckFailure[] }> {
  switch (token) {
    case FUNCTION_TOKENS.getInfluencers:
      return { value: { ...(await getInfluencers(args as unknown as GetInfluencersArgs, api)) }, failures: [] };
    case FUNCTION_TOKENS.getInfluencer:
      return { value: { ...(await getInfluencer(args as unknown as GetInfluencerArgs, api)) }, failures: [] };
    default:
      throw new Error(`pulumi-resource-layers has no function ${token} (it has ${Object.values(FUNCTION_TOKENS).filter((t) => t.includes(":get")).join(", ")})`);
  }
}
