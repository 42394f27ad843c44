// Package root: what `import * as layers from "pulumi-layers"` gives a Pulumi program.
// Its types come from the package schema (provider/spec) and never from the provider's
// internals, so a program's `tsc` sees only @pulumi/pulumi's declarations and these.
export { Influencer } from "./provider/dynamic/influencer";
export { Media } from "./provider/dynamic/media";
export { getInfluencers, getInfluencersOutput, getInfluencer, getInfluencerOutput } from "./provider/dynamic/lookups";
/** The same resources served by the provider plugin `pulumi-resource-layers` (README: "Which to use"). */
export * as plugin from "./provider/plugin-sdk";
export type {
  AgeRangePreset,
  Gender,
  GetInfluencerArgs,
  GetInfluencerOutputArgs,
  GetInfluencerResult,
  GetInfluencersArgs,
  GetInfluencersOutputArgs,
  GetInfluencersResult,
  InfluencerArgs,
  InfluencerOutputs,
  InfluencerState,
  InfluencerStatus,
  InfluencerSummary,
  MediaArgs,
  MediaContentType,
  MediaOutputs,
  MediaState,
  Personality,
  PersonalityArgs,
  ProviderArgs,
  ReferenceImage,
} from "./provider/spec/generated";
// The provider's own input rules, for tools that check persona data before a run (the
// persona-catalog example reports them with file line numbers).
export { validateInfluencerArgs, INFLUENCER_INPUT_KEYS } from "./provider/influencer/validate";
export type { CheckFailure } from "./provider/core/check-failure";
/** @deprecated Use AgeRangePreset (the same type; renamed in 0.2.0). */
export type CreateAgeRange = import("./provider/spec/generated").AgeRangePreset;
