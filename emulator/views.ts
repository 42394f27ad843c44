// What the API returns: records rendered from stored rows, with ISO timestamps and absolute
// media URLs built on the base the caller reached us at (or --public-url).
import { phaseAt, type Phase } from "./lifecycle";
import { GENERATION_FAILED } from "./lifecycle";
import type { Store } from "./store";
import type { InfluencerRow, Job, Media, Project } from "./types";

export const iso = (ms: number): string => new Date(ms).toISOString();

export function mediaUrls(m: Media, base: string): { url: string; thumbnailUrl: string } {
  if (m.source === "portrait" && m.influencerId) {
    return { url: `${base}/media/influencers/${m.influencerId}/portrait.svg`, thumbnailUrl: `${base}/media/influencers/${m.influencerId}/thumbnail.svg` };
  }
  const thumbnailUrl = `${base}/media/assets/${m.assetId}/thumbnail.svg`;
  return { url: m.source === "url" && m.externalUrl ? m.externalUrl : `${base}/media/assets/${m.assetId}`, thumbnailUrl };
}

export const renderMedia = (m: Media, base: string) => ({ assetId: m.assetId, ...mediaUrls(m, base), createdAt: iso(m.createdAt) });

export const renderProject = (p: Project) => ({
  projectId: p.projectId,
  name: p.name,
  appDescription: p.appDescription,
  targetGender: p.targetGender,
  createdAt: iso(p.createdAt),
});

const thumbnailOf = (row: InfluencerRow, base: string): string | null =>
  row.status === "ready" ? `${base}/media/influencers/${row.influencerId}/thumbnail.svg` : null;

export function renderReferenceImages(store: Store, row: InfluencerRow, base: string) {
  return row.referenceImages.flatMap((r) => {
    const m = store.media.get(r.assetId);
    return m ? [{ assetId: r.assetId, ...mediaUrls(m, base), addedAt: iso(r.addedAt) }] : [];
  });
}

export function renderInfluencer(store: Store, row: InfluencerRow, base: string) {
  return {
    influencerId: row.influencerId,
    projectId: row.projectId,
    name: row.name,
    gender: row.gender,
    ageRange: row.ageRange,
    ethnicity: row.ethnicity,
    bodyType: row.bodyType,
    hairColor: row.hairColor,
    hairStyle: row.hairStyle,
    style: row.style,
    vibe: row.vibe,
    voiceDescription: row.voiceDescription,
    brandVoice: row.brandVoice,
    language: row.language,
    personality: row.personality,
    referenceImages: renderReferenceImages(store, row, base),
    thumbnailUrl: thumbnailOf(row, base),
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export const renderListItem = (row: InfluencerRow, base: string) => ({
  influencerId: row.influencerId,
  name: row.name,
  gender: row.gender,
  ageRange: row.ageRange,
  status: row.status,
  thumbnailUrl: thumbnailOf(row, base),
  createdAt: iso(row.createdAt),
});

export function renderJob(job: Job, phase: Phase = phaseAt(job, Date.now())) {
  return {
    jobId: job.jobId,
    kind: job.kind,
    status: phase.jobStatus,
    influencerId: job.influencerId,
    error: phase.jobStatus === "failed" ? { ...GENERATION_FAILED } : null,
    createdAt: iso(job.createdAt),
    updatedAt: iso(phase.completedAt ?? job.createdAt),
    completedAt: phase.completedAt === null ? null : iso(phase.completedAt),
  };
}

/** The 202 accept envelope of create and clone. */
export const jobEnvelope = (job: Job) => ({
  jobId: job.jobId,
  kind: job.kind,
  status: "running",
  influencerId: job.influencerId,
  locationUrl: `/v1/jobs/${job.jobId}`,
});
