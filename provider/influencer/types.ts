// The Influencer's inputs as the provider receives them (resolved, no Outputs). The public
// types programs use are generated from the package schema (spec/generated.ts); the zod
// schema (schema.ts) is the one definition of both, and checks below stop compiling when
// either disagrees with it.
import type { AgeRangePreset, Gender, Personality } from "../spec/generated";

export type { Gender, Personality, ReferenceImage } from "../spec/generated";
export type CreateAgeRange = AgeRangePreset;

export interface InfluencerInputs {
  projectId: string;
  prompt?: string;
  name?: string;
  gender?: Gender;
  ageRange?: AgeRangePreset | string;
  ethnicity?: string;
  bodyType?: string;
  hairColor?: string;
  hairStyle?: string;
  style?: string;
  vibe?: string;
  voiceDescription?: string;
  brandVoice?: string;
  language?: string;
  personality?: Personality;
  referenceImageAssetIds?: string[];
  deleteReason?: string;
  jobTimeoutSeconds?: number;
  adoptId?: string;
  cloneFrom?: string;
  /** Set by the host from the resource's identity (project/stack/name, or its URN); derives the create's Idempotency-Key. */
  idempotencySeed?: string;
}
