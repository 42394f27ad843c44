// Applying a persona to an influencer that exists: the PATCH body, waiting until the
// influencer accepts changes, and binding reference images.
import { BIND_BATCH_MAX, CREATE_AGE_RANGES, type PersonaField } from "./fields";
import { createGender } from "../core/normalize";
import { isConflict, type InfluencerRecord, type ReferenceImage } from "../client";
import type { StoredImage } from "./outputs";
import type { CreateAgeRange, InfluencerInputs } from "./types";
import type { LifecycleContext } from "../core/context";

/** A PATCH (or clone overrides) body: each field its declared value, or null to clear it. */
export type PatchBody = { [F in PersonaField]?: InfluencerInputs[F] | null };

const SETTLED = new Set(["ready", "failed"]);

/** PATCH body for the persona fields in `fields`: the declared value, or null to clear it. */
export function patchBody(inputs: InfluencerInputs, fields: readonly PersonaField[]): PatchBody {
  const body: PatchBody = {};
  for (const field of fields) {
    if (inputs[field] !== undefined) copyField(body, inputs, field);
    else if (field !== "name") body[field] = null; // the API cannot clear a name
  }
  return body;
}

function copyField<F extends PersonaField>(body: PatchBody, inputs: InfluencerInputs, field: F): void {
  body[field] = inputs[field];
}

/** Fields the create body already set, so the PATCH after create need not repeat them. */
export function setByCreate(inputs: InfluencerInputs): Set<PersonaField> {
  const done = new Set<PersonaField>();
  if (createGender(inputs.gender) !== undefined) done.add("gender");
  if (isCreateAgeRange(inputs.ageRange)) done.add("ageRange");
  return done;
}

type CreateBody = { gender?: ReturnType<typeof createGender>; ageRange?: CreateAgeRange; prompt?: string };

/** The create body: only the create surface's fields, in the create spellings. */
export function createBody(inputs: InfluencerInputs): CreateBody {
  const body: CreateBody = {};
  const gender = createGender(inputs.gender);
  if (gender) body.gender = gender;
  if (isCreateAgeRange(inputs.ageRange)) body.ageRange = inputs.ageRange;
  if (inputs.prompt !== undefined) body.prompt = inputs.prompt;
  return body;
}

/** A free-form band (`25-34`) is set by PATCH; only the presets are part of the create surface. */
function isCreateAgeRange(value: string | undefined): value is CreateAgeRange {
  return CREATE_AGE_RANGES.some((preset) => preset === value);
}

export function isSettled(record: InfluencerRecord): boolean {
  return SETTLED.has(record.status);
}

/** Polls the influencer until it is ready or failed (a status we do not know counts as not ready). */
export async function waitUntilSettled(ctx: LifecycleContext, id: string, deadline: number): Promise<InfluencerRecord> {
  let wait = 200;
  for (;;) {
    const record = await ctx.client.getInfluencer(id);
    if (SETTLED.has(record.status)) return record;
    if (Date.now() + wait > deadline) {
      throw new Error(`influencer ${id} is still ${record.status} after the job deadline; run pulumi up again to keep waiting, or raise jobTimeoutSeconds`);
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 1.5, 2000);
  }
}

/** Runs `call`; while the API answers 409 because the persona is still generating, waits and tries again. */
export async function whenReady<T>(ctx: LifecycleContext, id: string, deadline: number, call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (!isConflict(e) || Date.now() >= deadline) throw e;
      ctx.log?.(`influencer ${id} is still generating; waiting before changing it`);
      const record = await waitUntilSettled(ctx, id, deadline);
      if (record.status === "failed") throw e;
    }
  }
}

/**
 * Binds the declared ids the persona does not carry yet, in batches the endpoint accepts.
 * The API silently drops ids that do not resolve; that is an error here, or the diff would
 * ask to bind them again on every run.
 */
export async function bindMissing(
  ctx: LifecycleContext,
  id: string,
  projectId: string,
  wanted: readonly string[],
  bound: readonly StoredImage[],
  deadline: number,
): Promise<ReferenceImage[] | undefined> {
  const have = new Set(bound.map((r) => r.assetId));
  const missing = wanted.filter((assetId) => !have.has(assetId));
  if (missing.length === 0) return undefined;
  let images: ReferenceImage[] = []; // missing is not empty: the first batch's answer replaces this
  for (let i = 0; i < missing.length; i += BIND_BATCH_MAX) {
    const batch = missing.slice(i, i + BIND_BATCH_MAX);
    images = (await whenReady(ctx, id, deadline, () => ctx.client.bindReferenceImages(id, batch))).referenceImages;
  }
  const now = new Set(images.map((r) => r.assetId));
  const dropped = missing.filter((assetId) => !now.has(assetId));
  if (dropped.length) {
    throw new Error(
      `referenceImageAssetIds: ${dropped.join(", ")} did not resolve in project ${projectId} and the API dropped ` +
        `${dropped.length === 1 ? "it" : "them"}; upload the image to the project's media library first or remove the id`,
    );
  }
  return images;
}
