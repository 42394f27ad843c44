// layers.Influencer: the resource class programs import.
import * as pulumi from "@pulumi/pulumi";
import { withoutPromiseStacks } from "./register";
import { idempotencySeed } from "./seed";
import { dynamicType, INFLUENCER_PROVIDER } from "./provider-text";
import type { InfluencerArgs, Personality, ReferenceImage } from "../influencer/types";

/** Every output, registered as undefined so the engine fills it in. */
const OUTPUTS = [
  "influencerId", "status", "thumbnailUrl", "referenceImages", "createdAt", "updatedAt",
  "name", "gender", "ageRange", "ethnicity", "bodyType", "hairColor", "hairStyle", "style", "vibe",
  "voiceDescription", "brandVoice", "language", "personality",
  "prompt", "referenceImageAssetIds", "deleteReason", "jobTimeoutSeconds", "declaredFields", "cloneFrom",
] as const;

/**
 * A Layers brand-ambassador persona. Created with POST + job wait, kept in line with the
 * program by PATCH, soft-deleted on destroy. See the README's resource reference.
 */
export class Influencer extends pulumi.CustomResource {
  declare readonly projectId: pulumi.Output<string>;
  declare readonly influencerId: pulumi.Output<string>;
  /** `pending`, `training`, `ready` or `failed`. */
  declare readonly status: pulumi.Output<string>;
  declare readonly thumbnailUrl: pulumi.Output<string | null>;
  declare readonly referenceImages: pulumi.Output<ReferenceImage[]>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** As the API reports it: the generated name when the program declares none. */
  declare readonly name: pulumi.Output<string | null>;
  /** As the API spells it: `male`, `female`, `nonbinary` or `unspecified`. */
  declare readonly gender: pulumi.Output<string | null>;
  declare readonly ageRange: pulumi.Output<string | null>;
  declare readonly ethnicity: pulumi.Output<string | null>;
  declare readonly bodyType: pulumi.Output<string | null>;
  declare readonly hairColor: pulumi.Output<string | null>;
  declare readonly hairStyle: pulumi.Output<string | null>;
  declare readonly style: pulumi.Output<string | null>;
  declare readonly vibe: pulumi.Output<string | null>;
  declare readonly voiceDescription: pulumi.Output<string | null>;
  declare readonly brandVoice: pulumi.Output<string | null>;
  declare readonly language: pulumi.Output<string | null>;
  declare readonly personality: pulumi.Output<Personality | null>;
  declare readonly prompt: pulumi.Output<string | undefined>;
  declare readonly referenceImageAssetIds: pulumi.Output<string[] | undefined>;
  declare readonly deleteReason: pulumi.Output<string>;
  /** The persona this one was cloned from (an A/B variant), when declared. */
  declare readonly cloneFrom: pulumi.Output<string | undefined>;

  /** Looks up an existing persona by id (read-only unless imported with the `import` option). */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Influencer {
    return new Influencer(name, undefined, { ...opts, id });
  }

  constructor(name: string, args: InfluencerArgs | undefined, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = Object.fromEntries(OUTPUTS.map((k) => [k, undefined]));
    if (args) {
      Object.assign(props, args, {
        deleteReason: args.deleteReason ?? `Deleted by Pulumi stack ${pulumi.getProject()}/${pulumi.getStack()}`,
        idempotencySeed: idempotencySeed(name, opts),
      });
    }
    // Last, so that no key of args can replace the code the host runs.
    props.__provider = INFLUENCER_PROVIDER;
    // Delete before replace by default: a forced `pulumi up --replace` sends the same inputs,
    // hence the same create Idempotency-Key, and a create-before-delete replacement would
    // adopt the very persona about to be deleted. Deleting first makes the replay name a
    // deleted persona, which the create walks past (see idempotency.ts).
    const restore = withoutPromiseStacks();
    try {
      super(dynamicType("Influencer"), name, props, { ...opts, deleteBeforeReplace: opts?.deleteBeforeReplace ?? true });
    } finally {
      restore();
    }
  }
}
