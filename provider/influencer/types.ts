// Public types of the Influencer resource: what a program passes and what it gets back.
import type * as pulumi from "@pulumi/pulumi";

export type Gender = "male" | "female" | "nonbinary" | "non_binary" | "unspecified";
export type CreateAgeRange = "teen" | "young_adult" | "adult" | "mid_adult" | "mature" | "senior";

export interface Personality {
  traits?: string[];
  tone?: string;
  humor?: string;
  formality?: string;
  values?: string[];
  interests?: string[];
  speakingStyle?: string;
  catchphrases?: string[];
}

export interface ReferenceImage {
  assetId: string;
  url: string;
  thumbnailUrl: string | null;
  addedAt: string;
}

/** Plain (resolved) inputs, as the provider receives them. */
export interface InfluencerInputs {
  /** The Layers project (UUID). Changing it replaces the persona. */
  projectId: string;
  /** Create-time hint that steers generation (1-60 chars). Changing it replaces the persona. */
  prompt?: string;
  name?: string;
  /** Either spelling of non-binary is accepted; the API reads it back as `nonbinary`. */
  gender?: Gender;
  /** A create preset (`young_adult`, …) or any free-form band up to 16 chars (`25-34`). */
  ageRange?: CreateAgeRange | string;
  ethnicity?: string;
  bodyType?: string;
  hairColor?: string;
  hairStyle?: string;
  style?: string;
  vibe?: string;
  voiceDescription?: string;
  brandVoice?: string;
  /** BCP-47 tag, e.g. `en-US`. */
  language?: string;
  /** Replaced as a whole when changed. */
  personality?: Personality;
  /** Media asset ids (`med_…`) bound as references. The API cannot unbind: removing one replaces the persona. */
  referenceImageAssetIds?: string[];
  /** Stored for audit when the persona is deleted. Default names the Pulumi project and stack. */
  deleteReason?: string;
  /** How long create/update wait for the generation job. Default: `layers:jobTimeoutSeconds` or 900. */
  jobTimeoutSeconds?: number;
  /**
   * Adopt this existing persona (`inf_…`) instead of creating one: Pulumi's `import` option
   * does not work for dynamic resources. Read at create only; later changes are ignored.
   */
  adoptId?: string;
  /**
   * Make this persona as a clone (an A/B variant) of that one (`inf_…`, same project): the
   * declared persona fields are the clone's overrides, `name` its name. Changing it replaces.
   * Cannot be combined with adoptId or prompt.
   */
  cloneFrom?: string;
  /** Set by the Influencer class (project/stack/name); derives the create's Idempotency-Key. */
  idempotencySeed?: string;
}

/** Inputs as a program writes them: every value may be an Output. */
export type InfluencerArgs = {
  [K in keyof Omit<InfluencerInputs, "idempotencySeed" | "referenceImageAssetIds">]: pulumi.Input<InfluencerInputs[K]>;
} & {
  /** Each id may be an Output, e.g. `[photo.assetId]` of a layers.Media. */
  referenceImageAssetIds?: pulumi.Input<pulumi.Input<string>[]>;
};
