// Config: `names` (JSON list) personas in `projectA` through the default provider; one
// persona `bo` in `projectB` of another org, through an explicit provider with `orgBKey`.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config();
const names = config.requireObject<string[]>("names");
const projectA = config.require("projectA");
const projectB = config.require("projectB");

const orgB = new layers.plugin.Provider("org-b", { apiKey: config.requireSecret("orgBKey"), baseUrl: config.require("baseUrlB") });

const personas = names.map((name) => new layers.plugin.Influencer(name, { projectId: projectA, name, style: "street" }));
const bo = new layers.plugin.Influencer("bo", { projectId: projectB, name: "Bo", deleteReason: "org B cleanup" }, { provider: orgB });

export const ids = pulumi.all(personas.map((p) => p.influencerId));
export const boId = bo.influencerId;
export const orgBCount = layers.plugin.getInfluencersOutput({ projectId: projectB }, { provider: orgB, dependsOn: [bo] }).influencers.apply((l) => l.length);
