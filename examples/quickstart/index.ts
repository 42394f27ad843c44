// Quickstart: two personas in one Layers project, with their ids and status exported.
// `npm start` runs this program against the local emulator; point `layers:baseUrl` and
// `layers:apiKey` at https://api.layers.com and it runs unchanged against Layers.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config(); // namespace = the project name in Pulumi.yaml ("quickstart")
const projectId = config.require("projectId");

const ava = new layers.Influencer("ava", {
  projectId,
  name: "Ava Chen",
  gender: "female",
  ageRange: "young_adult",
  style: "minimalist streetwear, neutral tones",
  vibe: "calm, curious, quietly funny",
  language: "en-US",
  personality: { traits: ["curious", "warm"], tone: "conversational", interests: ["coffee", "film photography"] },
});

const marcus = new layers.Influencer("marcus", {
  projectId,
  name: "Marcus Reid",
  gender: "male",
  ageRange: "adult",
  style: "technical outdoor gear",
  vibe: "direct, upbeat, practical",
  language: "en-US",
  personality: { traits: ["energetic", "practical"], tone: "upbeat", catchphrases: ["Pack light, go far."] },
});

/** What `npm start` prints: one entry per declared persona. */
export const personas = [ava, marcus].map((p) => ({
  influencerId: p.influencerId,
  name: p.name,
  status: p.status,
  thumbnailUrl: p.thumbnailUrl,
}));
export const avaId = ava.influencerId;
export const marcusId = marcus.influencerId;
