// layers.Influencer: the dynamic resource class programs import (`import * as layers from
// "pulumi-layers"`). Its inputs and outputs are the package schema's (spec/generated.ts).
import * as pulumi from "@pulumi/pulumi";
import type { InfluencerArgs, InfluencerOutputs, InfluencerState } from "../spec/generated";
import { withoutPromiseStacks } from "../register";
import { idempotencySeed } from "./seed";
import { dynamicType, INFLUENCER_PROVIDER } from "./provider-text";

const TYPE = dynamicType("Influencer");

/** Every output, registered as undefined so the engine fills it in. */
const OUTPUTS = [
  "influencerId", "status", "thumbnailUrl", "referenceImages", "createdAt", "updatedAt",
  "name", "gender", "ageRange", "ethnicity", "bodyType", "hairColor", "hairStyle", "style", "vibe",
  "voiceDescription", "brandVoice", "language", "personality",
  "prompt", "referenceImageAssetIds", "deleteReason", "jobTimeoutSeconds", "declaredFields", "cloneFrom",
] as const;

// The outputs' types and doc comments come from the schema, merged into the class.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Influencer extends InfluencerOutputs {}

/**
 * A Layers brand-ambassador persona, as a dynamic resource (no plugin to install). `pulumi up`
 * creates exactly one, waits until Layers has generated it and applies the declared fields;
 * edits made in the Layers dashboard show up as drift in `pulumi preview --refresh`; `pulumi
 * destroy` soft-deletes it with `deleteReason`. See docs/resource.md.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Influencer extends pulumi.CustomResource {
  /**
   * Reads an existing persona by id: its outputs, read-only (no prior state needed). To take
   * one over, declare it with `adoptId`; the `import` option needs the plugin's
   * `layers.plugin.Influencer`.
   */
  static get(name: string, id: pulumi.Input<string>, state?: InfluencerState, opts?: pulumi.CustomResourceOptions): Influencer {
    return new Influencer(name, state as InfluencerArgs, { ...opts, id });
  }

  /** True when `obj` is an Influencer of this package (also across copies of the package). */
  static isInstance(obj: unknown): obj is Influencer {
    return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === TYPE;
  }

  constructor(name: string, args: InfluencerArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: InfluencerArgs | InfluencerState, opts?: pulumi.CustomResourceOptions) {
    const props = influencerProps(name, argsOrState, opts);
    // Last, so that no key of args can replace the code the host runs.
    props.__provider = INFLUENCER_PROVIDER;
    // Delete before replace by default: a forced `pulumi up --replace` sends the same inputs,
    // hence the same create Idempotency-Key, and a create-before-delete replacement would
    // adopt the very persona about to be deleted. Deleting first makes the replay name a
    // deleted persona, which the create walks past (see influencer/idempotency.ts).
    const restore = withoutPromiseStacks();
    try {
      super(TYPE, name, props, { ...opts, deleteBeforeReplace: opts?.deleteBeforeReplace ?? true });
    } finally {
      restore();
    }
  }
}

/**
 * The properties an Influencer registers, but for its provider text: every output as
 * undefined, then the arguments with the stack's default delete reason and the idempotency
 * seed (a declared persona), or the given state (a look-up by id). Exported for the
 * benchmark's persona-shaped floor (bench/engine-shaped), which registers the same.
 */
export function influencerProps(name: string, argsOrState: InfluencerArgs | InfluencerState | undefined, opts: pulumi.CustomResourceOptions | undefined): Record<string, unknown> {
  const props: Record<string, unknown> = Object.fromEntries(OUTPUTS.map((k) => [k, undefined]));
  if (opts?.id === undefined && argsOrState) {
    const args = argsOrState as InfluencerArgs;
    Object.assign(props, args, {
      deleteReason: args.deleteReason ?? `Deleted by Pulumi stack ${pulumi.getProject()}/${pulumi.getStack()}`,
      idempotencySeed: idempotencySeed(name, opts),
    });
  } else if (argsOrState) {
    Object.assign(props, argsOrState);
  }
  return props;
}
