// The whole persona workflow in one program, with nothing done by hand outside it:
// 1. a reference photo uploaded from a file next to this program (layers.Media);
// 2. a persona that uses it as a reference image;
// 3. its B variant for an A/B test (cloneFrom);
// 4. the persona Layers auto-created with the project, found with a look-up and adopted;
// 5. content briefs handed out in turn to the project's ready personas (a look-up again).
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";
import { assignInTurn, oldest } from "./briefs";

const config = new pulumi.Config(); // persona-workflow:projectId
const projectId = config.require("projectId");

// Relative to this directory (the program directory). Editing the image replaces the
// asset, and with it every persona that has it bound (the API cannot unbind an image).
const photo = new layers.Media("ava-photo", { projectId, file: "assets/ava.png" });

const ava = new layers.Influencer("ava", {
  projectId,
  name: "Ava Chen",
  vibe: "warm and curious",
  referenceImageAssetIds: [photo.assetId],
});

// The B variant: same persona, other copy. Created by the clone endpoint once Ava is ready.
const avaB = new layers.Influencer("ava-b", {
  projectId,
  cloneFrom: ava.influencerId,
  name: "Ava (B)",
  vibe: "dry wit",
});

// The persona the project created for itself (its oldest). adoptId is read at create only,
// so later runs keep managing the same persona whatever the look-up says then. With no
// persona in the project yet, this declares a new one. Kept in Layers on destroy.
const house = new layers.Influencer(
  "house",
  {
    projectId,
    adoptId: layers.getInfluencersOutput({ projectId }).apply((r) => oldest(r.influencers)?.influencerId),
    brandVoice: "plain-spoken, friendly",
  },
  { retainOnDelete: true },
);

const BRIEFS = ["Launch teaser", "How-to reel", "Customer story", "Behind the scenes", "Weekly tips"];

// Listed once this program's personas exist, so they take their turn too.
const afterPersonas = pulumi.all([projectId, ava.influencerId, avaB.influencerId, house.influencerId]).apply(([id]) => id);
export const briefAssignments = layers
  .getInfluencersOutput({ projectId: afterPersonas, status: "ready" })
  .apply((r) => assignInTurn(BRIEFS, r.influencers));

export const photoAssetId = photo.assetId;
export const avaId = ava.influencerId;
export const avaBId = avaB.influencerId;
export const houseId = house.influencerId;
