// Package root: what `import * as layers from "pulumi-layers"` gives a Pulumi program.
export { Influencer } from "./provider/dynamic/influencer";
export { Media, type MediaArgs, type MediaContentType } from "./provider/dynamic/media";
export {
  getInfluencers,
  getInfluencersOutput,
  getInfluencer,
  getInfluencerOutput,
  type GetInfluencersArgs,
  type GetInfluencersOutputArgs,
  type GetInfluencersResult,
  type GetInfluencerArgs,
  type GetInfluencerOutputArgs,
  type GetInfluencerResult,
  type InfluencerSummary,
  type InfluencerStatus,
} from "./provider/dynamic/lookups";
export type { InfluencerArgs, InfluencerInputs, Personality, ReferenceImage, Gender, CreateAgeRange } from "./provider/influencer/types";
// The provider's own input rules, for tools that check persona data before a run (the
// persona-catalog example reports them with file line numbers).
export { validateInputs as validateInfluencerArgs, PUBLIC_INPUT_KEYS as INFLUENCER_INPUT_KEYS, } from "./provider/influencer/schema";
export type { CheckFailure } from "./provider/core/validation";
