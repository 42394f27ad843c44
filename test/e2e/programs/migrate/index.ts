// `form`: "dynamic" (layers.Influencer) or "plugin" (layers.plugin.Influencer); the same
// names and arguments either way, as after the edit docs/plugin.md describes.
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

const config = new pulumi.Config();
const projectId = config.require("projectId");
const Influencer = config.require("form") === "plugin" ? layers.plugin.Influencer : layers.Influencer;

const ava = new Influencer("ava", { projectId, name: "Ava Chen", style: "street", personality: { traits: ["curious"] } });
const marcus = new Influencer("marcus", { projectId, name: "Marcus Reid", gender: "non_binary", deleteReason: "moved" }, { protect: true });
const avaB = new Influencer("ava-b", { projectId, cloneFrom: ava.influencerId, vibe: "calmer" });

export const ids = { ava: ava.influencerId, marcus: marcus.influencerId, avaB: avaB.influencerId };
