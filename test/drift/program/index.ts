// Two personas for the drift report's real-CLI test: one like the drift-ci example, one that
// declares reference images from config (a media id the persona cannot carry shows up as
// "reference image missing").
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config();
const projectId = config.require("projectId");

const spokesperson = new layers.Influencer("spokesperson", {
  projectId,
  name: "Iris Vega",
  gender: "female",
  ageRange: "adult",
  style: "bold primary colours, tailored blazers",
  vibe: "confident, warm, precise",
  language: "en-US",
  personality: { traits: ["precise", "warm"], tone: "confident", values: ["clarity"] },
});

const host = new layers.Influencer("host", {
  projectId,
  name: "Kai Moreau",
  gender: "male",
  vibe: "dry and witty",
  referenceImageAssetIds: config.getObject<string[]>("referenceImages"),
});

export const spokespersonId = spokesperson.influencerId;
export const hostId = host.influencerId;
