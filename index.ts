// Package root: what `import * as layers from "pulumi-layers"` gives a Pulumi program.
export { Influencer } from "./provider/resource";
export type { InfluencerArgs, InfluencerInputs, Personality, ReferenceImage, Gender, CreateAgeRange } from "./provider/types";
