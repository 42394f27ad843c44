// The package's type tokens, in a module of their own: the program-side classes need them
// without loading the schema's zod definitions.
export const TOKENS = {
  influencer: "layers:index:Influencer",
  personality: "layers:index:Personality",
  referenceImage: "layers:index:ReferenceImage",
  gender: "layers:index:Gender",
  ageRangePreset: "layers:index:AgeRangePreset",
  status: "layers:index:InfluencerStatus",
} as const;

export const MEDIA_TOKENS = {
  media: "layers:index:Media",
  contentType: "layers:index:MediaContentType",
} as const;

export const FUNCTION_TOKENS = {
  getInfluencers: "layers:index:getInfluencers",
  getInfluencer: "layers:index:getInfluencer",
  summary: "layers:index:InfluencerSummary",
} as const;
