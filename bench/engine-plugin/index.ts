// bench/engine-program's personas, served by the plugin pulumi-resource-layers.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config();
const projectId = config.require("projectId");
const count = config.requireNumber("count");

for (let i = 0; i < count; i++) {
  new layers.plugin.Influencer(`p${String(i).padStart(4, "0")}`, {
    projectId,
    name: `Bench ${i}`,
    gender: "non_binary",
    ageRange: "25-34",
    style: "minimalist streetwear",
    personality: { traits: ["curious", "warm"], tone: "conversational" },
  });
}
