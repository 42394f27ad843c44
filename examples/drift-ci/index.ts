// The persona the drift check watches. Every field declared here is compared with Layers
// on `pulumi preview --refresh`: an edit made in the Layers dashboard shows up as a change.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config(); // drift-ci:projectId
const spokesperson = new layers.Influencer("spokesperson", {
  projectId: config.require("projectId"),
  name: "Iris Vega",
  gender: "female",
  ageRange: "adult",
  style: "bold primary colours, tailored blazers",
  vibe: "confident, warm, precise",
  brandVoice: "Plain words, short sentences, no hype.",
  language: "en-US",
  personality: { traits: ["precise", "warm"], tone: "confident", values: ["clarity"] },
});

export const influencerId = spokesperson.influencerId;
export const style = spokesperson.style;
export const status = spokesperson.status;
