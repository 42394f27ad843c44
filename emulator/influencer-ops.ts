// The influencer rules of the contract, applied to the Store: creation with its generation
// job, settling a row once its job is over, PATCH, soft delete, reference images, clone.
import { conflict } from "./errors";
import { newInfluencerId, newJobId } from "./ids";
import { phaseAt } from "./lifecycle";
import { generatePersona } from "./persona";
import type { PatchBody } from "./schemas";
import type { Store } from "./store";
import type { InfluencerRow, Job, JobKind, JobOutcome, PersonaFields, Project } from "./types";

export interface CreateHints {
  gender?: string;
  ageRange?: string;
  prompt?: string;
}

/** Creation defaults: gender from the project's targetGender when male/female, else female. */
function defaults(project: Project, hints: CreateHints) {
  const fromProject = project.targetGender === "male" || project.targetGender === "female" ? project.targetGender : "female";
  const gender = hints.gender === "non_binary" ? "nonbinary" : (hints.gender ?? fromProject);
  return { gender, ageRange: hints.ageRange ?? "young_adult", prompt: hints.prompt ?? null };
}

function startJob(store: Store, kind: JobKind, row: InfluencerRow, outcome: JobOutcome, now: number): Job {
  const portrait = store.addMedia(row.projectId, { source: "portrait", externalUrl: null, contentType: "image/svg+xml", dataBase64: null, influencerId: row.influencerId }, now);
  const job: Job = {
    jobId: row.jobId,
    orgId: row.orgId,
    kind,
    influencerId: row.influencerId,
    portraitAssetId: portrait.assetId,
    createdAt: now,
    durationMs: store.config.jobMs,
    outcome,
    canceledAt: null,
  };
  store.jobs.set(job.jobId, job);
  return job;
}

function insertRow(store: Store, project: Project, id: string, persona: PersonaFields, prompt: string | null, now: number): InfluencerRow {
  const row: InfluencerRow = {
    ...persona,
    influencerId: id,
    projectId: project.projectId,
    orgId: project.orgId,
    prompt,
    referenceImages: [],
    status: "pending",
    settled: false,
    jobId: newJobId(),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    deleteReason: null,
  };
  store.influencers.set(id, row);
  store.byProject.get(project.projectId)?.push(id);
  return row;
}

export function createInfluencer(store: Store, project: Project, hints: CreateHints, outcome: JobOutcome, now: number): Job {
  const d = defaults(project, hints);
  const id = newInfluencerId();
  const row = insertRow(store, project, id, generatePersona(id, d), d.prompt, now);
  const job = startJob(store, "influencer_create", row, outcome, now);
  store.touch();
  return job;
}

/**
 * Brings a row up to date with its job. Deterministic in the job's timestamps, so settling
 * late (or again after a restart) gives the same row; it is not a write of its own.
 */
export function settle(store: Store, row: InfluencerRow, now: number): InfluencerRow {
  if (row.settled) return row;
  const job = store.jobs.get(row.jobId);
  if (!job) return row;
  const phase = phaseAt(job, now);
  row.status = phase.rowStatus;
  row.updatedAt = Math.max(row.updatedAt, phase.rowChangedAt);
  if (phase.completedAt !== null) {
    row.settled = true;
    if (phase.jobStatus === "succeeded") row.referenceImages.unshift({ assetId: job.portraitAssetId, addedAt: phase.completedAt });
  }
  return row;
}

/** A live influencer of the org, settled; deleted, unknown and foreign ids all read as undefined. */
export function liveInfluencer(store: Store, orgId: string, id: string, now: number): InfluencerRow | undefined {
  const row = store.influencers.get(id);
  if (!row || row.orgId !== orgId || row.deletedAt !== null) return undefined;
  return settle(store, row, now);
}

/** Live influencers of a project, newest first (createdAt, then id, descending). */
export function listInfluencers(store: Store, projectId: string, now: number): InfluencerRow[] {
  const rows: InfluencerRow[] = [];
  for (const id of store.byProject.get(projectId) ?? []) {
    const row = store.influencers.get(id);
    if (row && row.deletedAt === null) rows.push(settle(store, row, now));
  }
  return rows.sort((a, b) => b.createdAt - a.createdAt || (a.influencerId < b.influencerId ? 1 : a.influencerId > b.influencerId ? -1 : 0));
}

function requireSettled(row: InfluencerRow, what: string): void {
  if (row.status !== "ready" && row.status !== "failed") {
    throw conflict(`Influencer is ${row.status}; ${what} is possible once it is ready or failed.`);
  }
}

/** Applies PATCH fields: `personality` replaces the whole object, null clears, gender reads back as nonbinary. */
function applyPatch(row: PersonaFields, patch: PatchBody): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const value = k === "gender" && v === "non_binary" ? "nonbinary" : v;
    (row as unknown as Record<string, unknown>)[k] = value;
  }
}

export function patchInfluencer(store: Store, row: InfluencerRow, patch: PatchBody, now: number): void {
  requireSettled(row, "PATCH");
  if (Object.keys(patch).length === 0) return;
  applyPatch(row, patch);
  row.updatedAt = now;
  store.touch();
}

export function deleteInfluencer(store: Store, row: InfluencerRow, reason: string | null, now: number): void {
  row.deletedAt = now;
  row.deleteReason = reason;
  const job = store.jobs.get(row.jobId);
  if (job && phaseAt(job, now).completedAt === null) job.canceledAt = now;
  store.touch();
}

/** Binds the ids that resolve to media of the row's project; others are dropped silently. */
export function bindReferenceImages(store: Store, row: InfluencerRow, assetIds: string[], now: number): void {
  requireSettled(row, "binding reference images");
  let changed = false;
  for (const assetId of assetIds) {
    const m = store.media.get(assetId);
    if (!m || m.projectId !== row.projectId) continue;
    if (row.referenceImages.some((r) => r.assetId === assetId)) continue;
    row.referenceImages.push({ assetId, addedAt: now });
    changed = true;
  }
  if (changed) {
    row.updatedAt = now;
    store.touch();
  }
}

export interface CloneRequest {
  name?: string;
  newInfluencerId?: string;
  overrides?: PatchBody;
}

export function cloneInfluencer(store: Store, source: InfluencerRow, body: CloneRequest, outcome: JobOutcome, now: number): Job {
  if (source.status !== "ready") throw conflict(`Influencer is ${source.status}; only a ready influencer can be cloned.`);
  if (body.newInfluencerId && store.influencers.has(body.newInfluencerId)) throw conflict("Influencer with this id already exists.");
  const project = store.projects.get(source.projectId) as Project;
  const persona: PersonaFields = {
    name: source.name, gender: source.gender, ageRange: source.ageRange, ethnicity: source.ethnicity,
    bodyType: source.bodyType, hairColor: source.hairColor, hairStyle: source.hairStyle, style: source.style,
    vibe: source.vibe, voiceDescription: source.voiceDescription, brandVoice: source.brandVoice,
    language: source.language, personality: source.personality ? structuredClone(source.personality) : null,
  };
  if (body.overrides) applyPatch(persona, body.overrides);
  persona.name = body.name ?? body.overrides?.name ?? `${source.name} (clone)`.slice(0, 128);
  const row = insertRow(store, project, body.newInfluencerId ?? newInfluencerId(), persona, source.prompt, now);
  const job = startJob(store, "influencer_clone", row, outcome, now);
  store.touch();
  return job;
}
