// layers.plugin.Influencer: the Influencer as the `pulumi-resource-layers` plugin serves it
// (type token layers:index:Influencer). Same inputs, outputs and behaviour as the dynamic
// layers.Influencer; what the plugin adds is Pulumi's own import, explicit providers and
// detailed diffs (README: "Which to use").
import * as pulumi from "@pulumi/pulumi";
import type { InfluencerArgs, InfluencerOutputs, InfluencerState } from "../spec/generated";
import { TOKENS } from "../spec/tokens";
import { withoutPromiseStacks } from "../register";
import { outputSlots, withDefaults } from "./options";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Influencer extends InfluencerOutputs {}

/**
 * A Layers brand-ambassador persona, served by the provider plugin. `pulumi up` creates
 * exactly one and keeps it in line with the program; `pulumi import layers:index:Influencer
 * <name> <inf_…>` and the `import` option adopt an existing one; `provider` picks an org.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Influencer extends pulumi.CustomResource {
  /** Reads an existing persona by id (read-only); pass `state` to match outputs you already know. */
  static get(name: string, id: pulumi.Input<string>, state?: InfluencerState, opts?: pulumi.CustomResourceOptions): Influencer {
    return new Influencer(name, state as InfluencerArgs, { ...opts, id });
  }

  static isInstance(obj: unknown): obj is Influencer {
    return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === TOKENS.influencer;
  }

  constructor(name: string, args: InfluencerArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: InfluencerArgs | InfluencerState, opts?: pulumi.CustomResourceOptions) {
    const restore = withoutPromiseStacks();
    try {
      super(TOKENS.influencer, name, { ...outputSlots(TOKENS.influencer), ...argsOrState }, withDefaults(opts));
    } finally {
      restore();
    }
  }
}
