// `bench:count` resources with a persona's state and no request (see Pulumi.yaml), declared
// as bench/engine-program declares its personas: the same arguments (personas.ts), the same
// registration path (our dynamic class's: outputs registered as undefined, the default
// delete reason and idempotency seed, a provider text of the same form and length).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providerText } from "pulumi-layers/dist/provider/dynamic/provider-text";
import { withoutPromiseStacks } from "pulumi-layers/dist/provider/dynamic/register";
import { idempotencySeed } from "pulumi-layers/dist/provider/dynamic/seed";
import { declarePersonas } from "../engine-program/personas";

const OUTPUTS = [
  "influencerId", "status", "thumbnailUrl", "referenceImages", "createdAt", "updatedAt",
  "name", "gender", "ageRange", "ethnicity", "bodyType", "hairColor", "hairStyle", "style", "vibe",
  "voiceDescription", "brandVoice", "language", "personality",
  "prompt", "referenceImageAssetIds", "deleteReason", "jobTimeoutSeconds", "declaredFields", "cloneFrom",
];
// An absolute path: the text's length differs from the package's by the path's, a few bytes.
const PROVIDER = providerText(path.join(__dirname, "provider.js"));

class Shaped extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    const props: Record<string, unknown> = Object.fromEntries(OUTPUTS.map((k) => [k, undefined]));
    Object.assign(props, args, {
      deleteReason: `Deleted by Pulumi stack ${pulumi.getProject()}/${pulumi.getStack()}`,
      idempotencySeed: idempotencySeed(name, undefined),
    });
    props.__provider = PROVIDER;
    const restore = withoutPromiseStacks();
    try {
      super("pulumi-nodejs:dynamic/bench:Shaped", name, props, { deleteBeforeReplace: true });
    } finally {
      restore();
    }
  }
}

declarePersonas(Shaped as never);
