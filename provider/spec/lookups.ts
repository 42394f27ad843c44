// The functions (data sources) in the package schema: layers:index:getInfluencers and
// layers:index:getInfluencer.
import { influencerOutputs, TOKENS } from "./influencer";
import { ref, type Properties } from "./describe";
import { FUNCTION_TOKENS } from "./tokens";

export { FUNCTION_TOKENS } from "./tokens";

const string = { type: "string" } as const;

/** The fields of a persona the list endpoint reports. */
export const summaryProperties: Properties = {
  influencerId: influencerOutputs.influencerId,
  name: influencerOutputs.name,
  gender: influencerOutputs.gender,
  ageRange: influencerOutputs.ageRange,
  status: influencerOutputs.status,
  thumbnailUrl: influencerOutputs.thumbnailUrl,
  createdAt: influencerOutputs.createdAt,
};

const RECORD_KEYS = [
  "influencerId", "projectId", "name", "gender", "ageRange", "ethnicity", "bodyType", "hairColor", "hairStyle", "style",
  "vibe", "voiceDescription", "brandVoice", "language", "personality", "referenceImages", "thumbnailUrl", "status",
  "createdAt", "updatedAt",
] as const;

export const functions = {
  [FUNCTION_TOKENS.getInfluencers]: {
    description:
      "Every persona of a project, following every page (one request per 100 personas), newest first. Deleted personas are never listed.",
    inputs: {
      projectId: { description: "The Layers project (a UUID).", type: string },
      status: { description: "Only personas with this status.", type: ref(TOKENS.status) },
    } as Properties,
    required: ["projectId"],
    outputs: {
      projectId: { description: "The project listed.", type: string },
      influencers: { description: "The project's personas, newest first.", type: { type: "array", items: ref(FUNCTION_TOKENS.summary) } },
    } as Properties,
    outputsRequired: ["projectId", "influencers"],
  },
  [FUNCTION_TOKENS.getInfluencer]: {
    description: "One persona by id, the full record as `GET /v1/influencers/:id` reports it. Fails when it does not exist or this key's org cannot see it.",
    inputs: { influencerId: { description: "The persona's id (`inf_` + 26 characters).", type: string } } as Properties,
    required: ["influencerId"],
    outputs: Object.fromEntries(RECORD_KEYS.map((k) => [k, influencerOutputs[k]])) as Properties,
    outputsRequired: ["influencerId", "projectId", "status", "referenceImages", "createdAt", "updatedAt"],
  },
} as const;
