// What the dashboard page reads: a small summary it polls every second, and pages of
// personas, deleted personas and jobs for one project. Pure reads over the Store (rows are
// settled like any API read), shaped for the page and never holding an API key.
import { settle } from "../influencer-ops";
import { phaseAt } from "../lifecycle";
import type { Store } from "../store";
import type { InfluencerRow, InfluencerStatus, Job } from "../types";
import { iso, renderInfluencer, renderJob } from "../views";

export const PAGE_MAX = 100;
export const REQUESTS_MAX = 500;

export type StatusCounts = Record<InfluencerStatus | "deleted", number>;

export interface PageQuery {
  offset: number;
  limit: number;
  status: InfluencerStatus | null;
  /** Case-insensitive substring of the name or id. */
  q: string | null;
}

const emptyCounts = (): StatusCounts => ({ pending: 0, training: 0, ready: 0, failed: 0, deleted: 0 });

/** Everything the page needs each second: cheap even with thousands of personas (one pass, no rendering). */
export function summary(store: Store, now: number) {
  const counts = new Map<string, StatusCounts>();
  for (const id of store.projects.keys()) counts.set(id, emptyCounts());
  for (const row of store.influencers.values()) {
    const c = counts.get(row.projectId);
    if (!c) continue;
    if (row.deletedAt !== null) c.deleted += 1;
    else c[settle(store, row, now).status] += 1;
  }
  let jobsRunning = 0;
  for (const job of store.jobs.values()) if (phaseAt(job, now).completedAt === null) jobsRunning += 1;
  const orgName = (orgId: string) => store.orgs.get(orgId)?.name ?? orgId;
  return {
    serverTime: iso(now),
    /** Moves on every write; with the counts it tells the page when to re-read what it shows. */
    version: store.version,
    config: { ...store.config },
    defaultProjectId: store.defaultProjectId,
    jobsRunning,
    lastRequestSeq: store.requests.last,
    projects: [...store.projects.values()].map((p) => ({
      projectId: p.projectId,
      name: p.name,
      orgId: p.orgId,
      orgName: orgName(p.orgId),
      isDefault: p.projectId === store.defaultProjectId,
      counts: counts.get(p.projectId) ?? emptyCounts(),
    })),
    faults: store.faults.list(),
  };
}

const byNewest = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function projectRows(store: Store, projectId: string, deleted: boolean, now: number): InfluencerRow[] {
  const rows: InfluencerRow[] = [];
  for (const id of store.byProject.get(projectId) ?? []) {
    const row = store.influencers.get(id);
    if (row && (row.deletedAt !== null) === deleted) rows.push(settle(store, row, now));
  }
  return rows;
}

function jobTiming(store: Store, jobId: string, now: number) {
  const job = store.jobs.get(jobId);
  if (!job) return null;
  const phase = phaseAt(job, now);
  return { ...renderJob(job, phase), durationMs: job.durationMs, dueAt: iso(phase.dueAt), outcome: job.outcome };
}

function matches(row: InfluencerRow, q: string | null): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return row.name.toLowerCase().includes(needle) || row.influencerId.toLowerCase().includes(needle);
}

/** One page of a project's live personas, newest first, each with its fields, images and job. */
export function personasPage(store: Store, projectId: string, query: PageQuery, base: string, now: number) {
  const rows = projectRows(store, projectId, false, now)
    .filter((r) => (query.status === null || r.status === query.status) && matches(r, query.q))
    .sort((a, b) => byNewest({ createdAt: a.createdAt, id: a.influencerId }, { createdAt: b.createdAt, id: b.influencerId }));
  return {
    total: rows.length,
    offset: query.offset,
    limit: query.limit,
    items: rows.slice(query.offset, query.offset + query.limit).map((r) => ({
      ...renderInfluencer(store, r, base),
      prompt: r.prompt,
      job: jobTiming(store, r.jobId, now),
    })),
  };
}

/** Deleted personas, most recently deleted first, with the reason and time of deletion. */
export function deletedPage(store: Store, projectId: string, query: PageQuery, base: string, now: number) {
  const rows = projectRows(store, projectId, true, now)
    .filter((r) => matches(r, query.q))
    .sort((a, b) => byNewest({ createdAt: a.deletedAt ?? 0, id: a.influencerId }, { createdAt: b.deletedAt ?? 0, id: b.influencerId }));
  return {
    total: rows.length,
    offset: query.offset,
    limit: query.limit,
    items: rows.slice(query.offset, query.offset + query.limit).map((r) => ({
      influencerId: r.influencerId,
      name: r.name,
      statusAtDelete: r.status,
      // The portrait stays served after a soft delete: the page shows who was deleted.
      thumbnailUrl: `${base}/media/influencers/${r.influencerId}/thumbnail.svg`,
      createdAt: iso(r.createdAt),
      deletedAt: iso(r.deletedAt as number),
      deleteReason: r.deleteReason,
    })),
  };
}

/** The project's generation jobs, newest first, with their timing. */
export function jobsPage(store: Store, projectId: string, query: PageQuery, now: number) {
  const jobs: Job[] = [];
  for (const job of store.jobs.values()) if (store.influencers.get(job.influencerId)?.projectId === projectId) jobs.push(job);
  jobs.sort((a, b) => byNewest({ createdAt: a.createdAt, id: a.jobId }, { createdAt: b.createdAt, id: b.jobId }));
  return {
    total: jobs.length,
    offset: query.offset,
    limit: query.limit,
    items: jobs.slice(query.offset, query.offset + query.limit).map((j) => ({
      ...(jobTiming(store, j.jobId, now) as NonNullable<ReturnType<typeof jobTiming>>),
      influencerName: store.influencers.get(j.influencerId)?.name ?? null,
    })),
  };
}
