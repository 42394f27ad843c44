// A scripted stand-in for LayersClient, for lifecycle paths that are awkward to reach
// over HTTP (a replay of a deleted persona, a delete that fails after a failed job). It
// keeps influencers in memory and records every call; the real client and API are covered
// by the host and emulator tests.
import { ConflictError, JobFailedError, JobTimeoutError, NotFoundError, type InfluencerRecord, type LayersClient } from "../../provider/client";

type Call = [string, ...unknown[]];

const notFound = (path: string) =>
  new NotFoundError({ method: "GET", path, status: 404, code: "NOT_FOUND", message: "Not found.", requestId: "req_test" });

export class FakeClient {
  readonly calls: Call[] = [];
  readonly rows = new Map<string, InfluencerRecord & { deleted?: boolean }>();
  readonly projects = new Set<string>();
  /** idempotency key -> influencer id, as the API's 24 h replay store. */
  readonly keys = new Map<string, string>();
  jobOutcome: "succeeded" | "failed" | "timeout" = "succeeded";
  failDelete = false;
  /** The DELETE is applied but its response is lost: the client's retry then sees 404. */
  deleteLosesResponse = false;
  /** Answer PATCH with 409 this many times first (still generating). */
  conflictsBeforePatch = 0;
  private seq = 0;

  constructor(projectId: string) {
    this.projects.add(projectId);
  }

  asClient(): LayersClient {
    return this as unknown as LayersClient;
  }

  seed(id: string, projectId: string, extra: Partial<InfluencerRecord> = {}): InfluencerRecord {
    const row = {
      influencerId: id, projectId, name: "Generated Name", gender: "female", ageRange: "young_adult",
      ethnicity: null, bodyType: null, hairColor: null, hairStyle: null, style: null, vibe: null,
      voiceDescription: null, brandVoice: null, language: null, personality: null, referenceImages: [],
      thumbnailUrl: `http://x/${id}.svg`, status: "ready", createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
      ...extra,
    } as InfluencerRecord;
    this.rows.set(id, row);
    return row;
  }

  async getProject(projectId: string) {
    this.calls.push(["getProject", projectId]);
    if (!this.projects.has(projectId)) throw notFound(`/v1/projects/${projectId}`);
    return { projectId, name: "p" };
  }

  async createInfluencer(projectId: string, body: Record<string, unknown>, opts: { idempotencyKey: string }) {
    this.calls.push(["createInfluencer", projectId, body, opts.idempotencyKey]);
    const existing = this.keys.get(opts.idempotencyKey);
    if (existing) return { jobId: `job_${existing}`, kind: "influencer_create", status: "running", influencerId: existing, replayed: true };
    const id = `inf_${String(++this.seq).padStart(26, "0")}`;
    this.keys.set(opts.idempotencyKey, id);
    this.seed(id, projectId, { status: "pending", gender: (body.gender as string) ?? "female" });
    return { jobId: `job_${id}`, kind: "influencer_create", status: "running", influencerId: id, replayed: false };
  }

  async waitForJob(jobId: string) {
    this.calls.push(["waitForJob", jobId]);
    const id = jobId.slice(4);
    const row = this.rows.get(id)!;
    if (this.jobOutcome === "failed") {
      row.status = "failed";
      throw new JobFailedError(jobId, id, "failed", "GENERATION_FAILED", "renderer crashed");
    }
    if (this.jobOutcome === "timeout") {
      row.status = "training";
      throw new JobTimeoutError(jobId, id, 1000, "running");
    }
    row.status = "ready";
    return { jobId, status: "succeeded" };
  }

  async getInfluencer(id: string) {
    this.calls.push(["getInfluencer", id]);
    const row = this.rows.get(id);
    if (!row || row.deleted) throw notFound(`/v1/influencers/${id}`);
    if (row.status === "training") row.status = "ready"; // generation finishes while we wait
    return { ...row };
  }

  async patchInfluencer(id: string, body: Record<string, unknown>) {
    this.calls.push(["patchInfluencer", id, body]);
    if (this.conflictsBeforePatch > 0) {
      this.conflictsBeforePatch -= 1;
      throw new ConflictError({ method: "PATCH", path: `/v1/influencers/${id}`, status: 409, code: "CONFLICT", message: "Influencer is training." });
    }
    const row = this.rows.get(id);
    if (!row || row.deleted) throw notFound(`/v1/influencers/${id}`);
    Object.assign(row, body);
    return { ...row };
  }

  async deleteInfluencer(id: string, reason?: string) {
    this.calls.push(["deleteInfluencer", id, reason]);
    if (this.failDelete) throw new Error("DELETE /v1/influencers -> connection error ECONNRESET");
    const row = this.rows.get(id);
    if (this.deleteLosesResponse && row) {
      row.deleted = true;
      throw notFound(`/v1/influencers/${id}`);
    }
    if (!row || row.deleted) throw notFound(`/v1/influencers/${id}`);
    row.deleted = true;
    return { influencerId: id, status: "deleted", deletedAt: "2026-01-01T00:00:00.000Z" };
  }

  async bindReferenceImages(id: string, assetIds: string[]) {
    this.calls.push(["bindReferenceImages", id, assetIds]);
    const row = this.rows.get(id)!;
    const resolvable = assetIds.filter((a) => !a.endsWith("UNRESOLVED000"));
    row.referenceImages = [...row.referenceImages, ...resolvable.map((assetId) => ({ assetId, url: "u", thumbnailUrl: "t", addedAt: "a" }))];
    return { influencerId: id, referenceImages: row.referenceImages };
  }

  count(method: string): number {
    return this.calls.filter((c) => c[0] === method).length;
  }
}
