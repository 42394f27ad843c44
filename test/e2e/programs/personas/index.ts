// Declares the personas named in the stack config `e2e:personas`:
//   { "<name>": { "args": { ...InfluencerArgs but projectId }, "protect"?: true } }
//   { "<name>": { "getId": "inf_..." } }   // Influencer.get: read-only look-up
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";

interface Declaration {
  args?: Omit<layers.InfluencerArgs, "projectId">;
  protect?: boolean;
  getId?: string;
}

const config = new pulumi.Config();
const projectId = config.require("projectId");
const declared = config.requireObject<Record<string, Declaration>>("personas");

const resources = Object.entries(declared).map(([name, d]) =>
  d.getId
    ? layers.Influencer.get(name, d.getId)
    : new layers.Influencer(name, { projectId, ...d.args }, { protect: d.protect ?? false }),
);

/** name → { influencerId, name, status, style } of every declared persona. */
export const personas = pulumi
  .all(resources.map((r) => pulumi.all([r.influencerId, r.name, r.status, r.style])))
  .apply((rows) => Object.fromEntries(Object.keys(declared).map((k, i) => [k, { influencerId: rows[i][0], name: rows[i][1], status: rows[i][2], style: rows[i][3] }])));
