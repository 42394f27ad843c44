// `bench:count` resources with a persona's state and no request (see Pulumi.yaml), declared
// as bench/engine-program declares its personas: the same arguments (personas.ts), the same
// registration path (our dynamic class's properties, influencerProps, and a provider text
// of the same form and length).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { influencerProps } from "pulumi-layers/dist/provider/dynamic/influencer";
import { providerText } from "pulumi-layers/dist/provider/dynamic/provider-text";
import { withoutPromiseStacks } from "pulumi-layers/dist/provider/register";
import { declarePersonas } from "../engine-program/personas";

// An absolute path: the text's length differs from the package's by the path's, a few bytes.
const PROVIDER = providerText(path.join(__dirname, "provider.js"));

class Shaped extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    const props = { ...influencerProps(name, args as never, undefined), __provider: PROVIDER };
    const restore = withoutPromiseStacks();
    try {
      super("pulumi-nodejs:dynamic/bench:Shaped", name, props, { deleteBeforeReplace: true });
    } finally {
      restore();
    }
  }
}

declarePersonas(Shaped as never);
