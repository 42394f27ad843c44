// The state Pulumi keeps for an Influencer: what the API reports plus the inputs the API
// cannot report back (prompt, declared reference images, delete reason, …).
import { PERSONA_FIELDS } from "./fields";
import { compact } from "./normalize";
import type { InfluencerRecord } from "./client";

type Props = Record<string, unknown>;

/** Persona fields the program declares (set to a value). */
export function declaredFields(inputs: Props): string[] {
  return PERSONA_FIELDS.filter((f) => inputs[f] !== undefined && inputs[f] !== null);
}

/**
 * Outputs for a record. `inputs` are the program's inputs (create/update) or the previous
 * outputs (refresh); `declared` is undefined for an imported persona.
 */
export function toOutputs(record: InfluencerRecord, inputs: Props, declared: string[] | undefined): Props {
  const persona: Props = {};
  for (const field of PERSONA_FIELDS) persona[field] = (record as unknown as Props)[field] ?? null;
  return compact({
    influencerId: record.influencerId,
    projectId: record.projectId,
    status: record.status,
    thumbnailUrl: record.thumbnailUrl ?? null,
    referenceImages: record.referenceImages ?? [],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...persona,
    prompt: inputs.prompt ?? undefined,
    referenceImageAssetIds: inputs.referenceImageAssetIds ?? undefined,
    deleteReason: inputs.deleteReason ?? undefined,
    jobTimeoutSeconds: inputs.jobTimeoutSeconds ?? undefined,
    adoptId: inputs.adoptId ?? undefined,
    cloneFrom: inputs.cloneFrom ?? undefined,
    idempotencySeed: inputs.idempotencySeed ?? undefined,
    declaredFields: declared,
  });
}

/** Inputs to hand back after an import: the persona as it is, so the program can match it. */
export function importedInputs(record: InfluencerRecord): Props {
  const inputs: Props = { projectId: record.projectId };
  for (const field of PERSONA_FIELDS) {
    const value = (record as unknown as Props)[field];
    if (value !== undefined && value !== null) inputs[field] = value;
  }
  return inputs;
}
