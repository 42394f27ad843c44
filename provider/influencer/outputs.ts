// The state Pulumi keeps for an Influencer: what the API reports plus the inputs the API
// cannot report back (prompt, declared reference images, delete reason, …). Its keys are a
// compatibility contract: every existing state was written in this shape.
import { PERSONA_FIELDS, type PersonaField } from "./fields";
import { compact } from "../core/normalize";
import type { InfluencerRecord, ReferenceImage } from "../client";
import type { InfluencerInputs } from "./types";

/** Inputs the state records because the API cannot report them back. */
export type RecordedInputs = Pick<
  InfluencerInputs,
  "prompt" | "referenceImageAssetIds" | "deleteReason" | "jobTimeoutSeconds" | "adoptId" | "cloneFrom" | "idempotencySeed"
>;

/** A bound image as stored: diff reads its asset id, the rest is written back as it was. */
export type StoredImage = Pick<ReferenceImage, "assetId"> & Partial<ReferenceImage>;

/** What outputs are built from: an API record, or (nothing re-read) the stored one. */
export type PersonaRecord = Pick<InfluencerRecord, "influencerId" | "projectId" | "status"> &
  Partial<Omit<InfluencerRecord, "referenceImages">> & { referenceImages?: StoredImage[] };

export type InfluencerOutputs = {
  influencerId: string;
  projectId: string;
  status: string;
  thumbnailUrl: string | null;
  referenceImages: StoredImage[];
  createdAt?: string;
  updatedAt?: string;
} & { [F in PersonaField]: InfluencerRecord[F] } & RecordedInputs & {
  /** Absent after an import: nothing is known about what the program declared. */
  declaredFields?: readonly string[];
};

/** Persona fields the program declares (set to a value). */
export function declaredFields(inputs: InfluencerInputs): PersonaField[] {
  return PERSONA_FIELDS.filter((f) => inputs[f] !== undefined && inputs[f] !== null);
}

/**
 * Outputs for a record. `recorded` are the program's inputs (create/update) or the previous
 * outputs (refresh); `declared` is undefined for an imported persona.
 */
export function toOutputs(record: PersonaRecord, recorded: RecordedInputs, declared: readonly string[] | undefined): InfluencerOutputs {
  return compact({
    influencerId: record.influencerId,
    projectId: record.projectId,
    status: record.status,
    thumbnailUrl: record.thumbnailUrl ?? null,
    referenceImages: record.referenceImages ?? [],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...personaOf(record),
    prompt: recorded.prompt ?? undefined,
    referenceImageAssetIds: recorded.referenceImageAssetIds ?? undefined,
    deleteReason: recorded.deleteReason ?? undefined,
    jobTimeoutSeconds: recorded.jobTimeoutSeconds ?? undefined,
    adoptId: recorded.adoptId ?? undefined,
    cloneFrom: recorded.cloneFrom ?? undefined,
    idempotencySeed: recorded.idempotencySeed ?? undefined,
    declaredFields: declared,
  });
}

/** Every persona field of the record, null where it has none. */
function personaOf(record: PersonaRecord): { [F in PersonaField]: InfluencerRecord[F] } {
  const { name = null, gender = null, ageRange = null, ethnicity = null, bodyType = null, hairColor = null, hairStyle = null,
    style = null, vibe = null, voiceDescription = null, brandVoice = null, language = null, personality = null } = record;
  return { name, gender, ageRange, ethnicity, bodyType, hairColor, hairStyle, style, vibe, voiceDescription, brandVoice, language, personality };
}

/** Inputs to hand back after an import: the persona as it is, so the program can match it. */
export function importedInputs(record: InfluencerRecord): Record<string, unknown> {
  const inputs: Record<string, unknown> = { projectId: record.projectId };
  for (const field of PERSONA_FIELDS) {
    const value = record[field];
    if (value !== undefined && value !== null) inputs[field] = value;
  }
  return inputs;
}
