// LayersClient: one method per Layers API endpoint the provider uses. Knows nothing of Pulumi.
// Transport concerns (auth, retries, rate limiting, error mapping) live in http.ts.
import * as util from "util";
import { LayersError } from "./errors";
import { HttpTransport, type TransportStats } from "./http";
import { JobHistory, waitForJob } from "./jobs";
import { limiterFor, type AdaptiveLimiter } from "./limiter";
import { DEFAULT_RETRY_POLICY } from "./retry";
import {
  deleteResultSchema,
  influencerRecordSchema,
  jobEnvelopeSchema,
  jobSchema,
  listPageSchema,
  mediaSchema,
  projectSchema,
  referenceImagesResultSchema,
  type DeleteResult,
  type InfluencerListItem,
  type InfluencerRecord,
  type Job,
  type JobEnvelope,
  type Media,
  type Project,
  type ReferenceImage,
} from "./schemas";
import { packageVersion } from "./version";

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Per attempt, whole exchange. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt for faults (5xx, resets, timeouts). Default 6. 429s are retried up to 20 times within the budget. */
  maxRetries?: number;
  /** Time the attempts of one call plus the waits between them may take. Default 60 s. */
  retryBudgetMs?: number;
  userAgent?: string;
  /** Used for retry backoff and job polling waits (tests inject a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /** The shared rate limiter to use. Default: the process-wide one for `baseUrl`; `null` disables. */
  limiter?: AdaptiveLimiter | null;
  /** Jitter source (tests). Default Math.random. */
  random?: () => number;
}

const enc = encodeURIComponent;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LayersClient {
  readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly jobs = new JobHistory();

  constructor(opts: ClientOptions) {
    if (typeof opts.apiKey !== "string" || opts.apiKey.trim() === "") {
      throw new LayersError("Layers API key is missing: set the `layers:apiKey` secret or LAYERS_API_KEY");
    }
    if (/[\s\u0000-\u001f]/.test(opts.apiKey)) {
      throw new LayersError("Layers API key contains whitespace or control characters (check for a trailing newline)");
    }
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new LayersError(`Layers base URL is not a URL: ${JSON.stringify(String(opts.baseUrl).slice(0, 200))}`);
    }
    if (url.username || url.password) throw new LayersError("Layers base URL must not contain credentials");
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.sleep = opts.sleep ?? realSleep;
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      apiKey: opts.apiKey,
      timeoutMs: opts.timeoutMs ?? 30_000,
      userAgent: opts.userAgent ?? `pulumi-layers/${packageVersion()}`,
      policy: {
        ...DEFAULT_RETRY_POLICY,
        maxRetries: opts.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
        // maxRetries: 0 means "never retry", 429s included.
        maxRateLimitedRetries: opts.maxRetries === 0 ? 0 : DEFAULT_RETRY_POLICY.maxRateLimitedRetries,
        budgetMs: opts.retryBudgetMs ?? DEFAULT_RETRY_POLICY.budgetMs,
      },
      sleep: this.sleep,
      random: opts.random ?? Math.random,
      limiter: opts.limiter === undefined ? limiterFor(this.baseUrl) : opts.limiter,
    });
  }

  /** Attempts sent, retries made and 429s seen by this client. */
  get stats(): TransportStats {
    return this.transport.stats;
  }

  async getProject(projectId: string): Promise<Project> {
    return (await this.transport.request({ method: "GET", path: `/v1/projects/${enc(projectId)}`, schema: projectSchema })).data;
  }

  async createProject(
    body: { name: string; appDescription?: string; targetGender?: "male" | "female" | "any" },
    opts: { idempotencyKey?: string } = {},
  ): Promise<Project> {
    const res = await this.transport.request({ method: "POST", path: "/v1/projects", body, idempotencyKey: opts.idempotencyKey, schema: projectSchema });
    return res.data;
  }

  /** POST with the caller's Idempotency-Key, reused on every retry; `replayed` is the server's Idempotent-Replayed header. */
  async createInfluencer(
    projectId: string,
    body: { gender?: string; ageRange?: string; prompt?: string },
    opts: { idempotencyKey: string },
  ): Promise<JobEnvelope & { replayed: boolean }> {
    return this.startJob("createInfluencer", `/v1/projects/${enc(projectId)}/influencers`, body, opts?.idempotencyKey);
  }

  /**
   * POST /v1/influencers/:id/clone (202 job envelope, `kind: influencer_clone`). The source
   * must be ready (409 otherwise); a `newInfluencerId` that exists already, deleted rows
   * included, is 409 too.
   */
  async cloneInfluencer(
    sourceId: string,
    body: { name?: string; newInfluencerId?: string; overrides?: Record<string, unknown> },
    opts: { idempotencyKey: string },
  ): Promise<JobEnvelope & { replayed: boolean }> {
    // A 409 here usually means "newInfluencerId is taken": the caller looks the id up.
    return this.startJob("cloneInfluencer", `/v1/influencers/${enc(sourceId)}/clone`, body, opts?.idempotencyKey, true);
  }

  /** A POST that starts a job; the key is mandatory, or a retry could start a second one. */
  private async startJob(
    name: string,
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
    conflictIsAnswer = false,
  ): Promise<JobEnvelope & { replayed: boolean }> {
    if (!idempotencyKey) throw new LayersError(`${name} needs an idempotencyKey: without one a retried request could make a second persona`);
    const sentAt = Date.now();
    const res = await this.transport.request({ method: "POST", path, body, idempotencyKey, conflictIsAnswer, schema: jobEnvelopeSchema });
    const replayed = res.header("idempotent-replayed") === "true";
    // A replayed job may have started long before this request: nothing is known of its start.
    if (!replayed) this.jobs.started(res.data.jobId, res.data.kind, sentAt);
    return { ...res.data, replayed };
  }

  /** Throws NotFoundError when unknown, deleted or in another org. */
  async getInfluencer(influencerId: string): Promise<InfluencerRecord> {
    return (await this.transport.request({ method: "GET", path: `/v1/influencers/${enc(influencerId)}`, schema: influencerRecordSchema })).data;
  }

  async listInfluencers(
    projectId: string,
    q: { cursor?: string; limit?: number; status?: string } = {},
  ): Promise<{ items: InfluencerListItem[]; nextCursor: string | null }> {
    const res = await this.transport.request({
      method: "GET",
      path: `/v1/projects/${enc(projectId)}/influencers`,
      query: { cursor: q.cursor, limit: q.limit, status: q.status },
      schema: listPageSchema,
    });
    return res.data;
  }

  /** Absolute values only, so a retried PATCH converges to the same record. 409 while pending/training. */
  async patchInfluencer(influencerId: string, body: Record<string, unknown>): Promise<InfluencerRecord> {
    return (await this.transport.request({ method: "PATCH", path: `/v1/influencers/${enc(influencerId)}`, body, schema: influencerRecordSchema })).data;
  }

  /**
   * Soft delete. Note: when an earlier attempt was applied but its response lost, the retry
   * sees 404 and this throws NotFoundError (`attempts` > 1); callers treat 404 as "deleted".
   */
  async deleteInfluencer(influencerId: string, reason?: string): Promise<DeleteResult> {
    const res = await this.transport.request({
      method: "DELETE",
      path: `/v1/influencers/${enc(influencerId)}`,
      body: reason === undefined ? undefined : { reason },
      schema: deleteResultSchema,
    });
    return res.data;
  }

  /** Binding is a set union on the server, so repeating it is safe and it is retried like a PUT. */
  async bindReferenceImages(influencerId: string, assetIds: string[]): Promise<{ influencerId: string; referenceImages: ReferenceImage[] }> {
    const res = await this.transport.request({
      method: "POST",
      path: `/v1/influencers/${enc(influencerId)}/reference-images`,
      body: { assetIds },
      safeToRepeat: true,
      schema: referenceImagesResultSchema,
    });
    return res.data;
  }

  /** Without an idempotencyKey an ambiguous failure (reset, 5xx) is not retried: a repeat would upload twice. */
  async uploadMedia(
    projectId: string,
    body: { url: string } | { dataBase64: string; contentType: string },
    opts: { idempotencyKey?: string } = {},
  ): Promise<Media & { replayed: boolean }> {
    const res = await this.transport.request({ method: "POST", path: `/v1/projects/${enc(projectId)}/media`, body, idempotencyKey: opts.idempotencyKey, schema: mediaSchema });
    return { ...res.data, replayed: res.header("idempotent-replayed") === "true" };
  }

  /** `retryAfterMs` is the server's polling hint on a non-terminal job. */
  async getJob(jobId: string): Promise<Job & { retryAfterMs?: number }> {
    const res = await this.transport.request({ method: "GET", path: `/v1/jobs/${enc(jobId)}`, schema: jobSchema });
    const hint = res.header("retry-after");
    const seconds = hint !== undefined && /^\d+(\.\d+)?$/.test(hint.trim()) ? parseFloat(hint) : undefined;
    return seconds === undefined ? res.data : { ...res.data, retryAfterMs: Math.round(seconds * 1000) };
  }

  /** Poll until succeeded (returned), failed/canceled (JobFailedError) or `deadlineMs` from now (JobTimeoutError). */
  waitForJob(jobId: string, opts: { deadlineMs: number; onPoll?: (job: Job) => void; signal?: AbortSignal }): Promise<Job> {
    const earliestDoneAt = () => this.jobs.earliestDoneAt(jobId);
    return waitForJob(this, jobId, { ...opts, sleep: this.sleep, earliestDoneAt }).then(
      (job) => (this.jobs.finished(jobId, job), job),
      (e: unknown) => {
        this.jobs.finished(jobId);
        throw e;
      },
    );
  }

  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  [util.inspect.custom](): string {
    return `LayersClient { baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }
}
