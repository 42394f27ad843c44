// One stack per git branch: `production` for main, one short-lived stack per feature branch.
// Personas of branch stacks carry the stack in their name, so they are easy to tell apart
// in a shared project, and production's personas are protected against `pulumi destroy`.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";
import { isProduction, personaName } from "./naming";

const stack = pulumi.getStack();
const config = new pulumi.Config(); // branch-stacks:*, set per stack by branch-stack.ts
const projectId = config.require("projectId");
const production = isProduction(stack);
const opts: pulumi.CustomResourceOptions = { protect: production };

const host = new layers.Influencer(
  "host",
  {
    projectId,
    name: personaName("Nora Field", stack),
    gender: "female",
    ageRange: "adult",
    style: config.get("hostStyle") ?? "clean studio looks, bold colour accents",
    vibe: "confident explainer",
    personality: { traits: ["clear", "patient"], tone: "friendly" },
    deleteReason: production ? undefined : `Branch stack ${stack} torn down`,
  },
  opts,
);

const sidekick = new layers.Influencer(
  "sidekick",
  {
    projectId,
    name: personaName("Theo Park", stack),
    gender: "male",
    ageRange: "young_adult",
    vibe: "playful, quick with a joke",
    personality: { traits: ["playful"], tone: "casual", humor: "dry" },
    deleteReason: production ? undefined : `Branch stack ${stack} torn down`,
  },
  opts,
);

export const stackName = stack;
export const protectedStack = production;
export const personas = [host, sidekick].map((p) => ({ influencerId: p.influencerId, name: p.name, status: p.status }));
