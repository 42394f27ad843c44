// `layers.plugin`: the package's resources as the provider plugin `pulumi-resource-layers`
// serves them. The types are the dynamic classes' (one schema); the plugin must be findable
// by the engine (README: "Which to use" and "The provider plugin").
export { Influencer } from "./influencer";
export { Media } from "./media";
export { Provider } from "./provider";
export { getInfluencers, getInfluencersOutput, getInfluencer, getInfluencerOutput } from "./lookups";
