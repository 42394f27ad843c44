// Config: `names` (JSON list) personas in `projectA` through the default provider; `al` in
// the same project through an explicit provider with org A's `orgAKey`; `bo` in `projectB`
// of another org through an explicit provider with `orgBKey`: two explicit providers, two orgs.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config();
const names = config.requireObject<string[]>("names");
const projectA = config.require("projectA");
const projectB = config.require("projectB");

const orgA = new layers.plugin.Provider("org-a", { apiKey: config.requireSecret("orgAKey"), baseUrl: config.require("baseUrlB"), jobTimeoutSeconds: 300 });
const orgB = new layers.plugin.Provider("org-b", { apiKey: config.requireSecret("orgBKey"), baseUrl: config.require("baseUrlB") });

const personas = names.map((name) => new layers.plugin.Influencer(name, { projectId: projectA, name, style: "street" }));
const al = new layers.plugin.Influencer("al", { projectId: projectA, name: "Al" }, { provider: orgA });
const bo = new layers.plugin.Influencer("bo", { projectId: projectB, name: "Bo", deleteReason: "org B cleanup" }, { provider: orgB });

export const ids = pulumi.all(personas.map((p) => p.influencerId));
export const alId = al.influencerId;
export const boId = bo.influencerId;
export const orgBCount = layers.plugin.getInfluencersOutput({ projectId: projectB }, { provider: orgB, dependsOn: [bo] }).influencers.apply((l) => l.length);
