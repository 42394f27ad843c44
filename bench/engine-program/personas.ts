// The benchmark's personas, declared with a given Influencer class: the dynamic one
// (bench/engine-program) or the plugin's (bench/engine-plugin), the same arguments for both.
import * as pulumi from "@pulumi/pulumi";
import type * as layers from "pulumi-layers";

type InfluencerClass = new (name: string, args: layers.InfluencerArgs) => unknown;

/** `bench:count` personas in `bench:projectId`, each with a declared persona (create = POST + job + PATCH). */
export function declarePersonas(Influencer: InfluencerClass): void {
  const config = new pulumi.Config();
  const projectId = config.require("projectId");
  const count = config.requireNumber("count");
  for (let i = 0; i < count; i++) {
    new Influencer(`p${String(i).padStart(4, "0")}`, {
      projectId,
      name: `Bench ${i}`,
      gender: "non_binary",
      ageRange: "25-34",
      style: "minimalist streetwear",
      personality: { traits: ["curious", "warm"], tone: "conversational" },
    });
  }
}
