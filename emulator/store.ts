// All of the emulator's state in one place: orgs and their keys (as hashes), projects,
// media, influencers, jobs, idempotency records, the request log and the fault rules.
// Route files validate and shape HTTP; the rules of the API live here and in the files
// this one delegates to (influencer-ops.ts, lifecycle.ts).
import { createHash, randomBytes } from "node:crypto";
import { FaultRules } from "./faults";
import { IdempotencyCache } from "./idempotency";
import { newMediaId, newOrgId, newProjectId } from "./ids";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import type { InfluencerRow, Job, KeyRecord, Media, Org, Project, Scope, StateFile } from "./types";
import { SCOPES } from "./types";

export interface StoreConfig {
  /** Duration of new create/clone jobs. */
  jobMs: number;
  /** Requests per second per key; 0 = off. */
  rateLimit: number;
}

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export class Store {
  config: StoreConfig;
  /** Bumped by every accepted write; persistence writes the file when it moves. */
  version = 0;
  defaultOrgId = "";
  defaultProjectId = "";

  orgs = new Map<string, Org>();
  keys = new Map<string, KeyRecord>();
  projects = new Map<string, Project>();
  media = new Map<string, Media>();
  influencers = new Map<string, InfluencerRow>();
  jobs = new Map<string, Job>();
  /** Influencer ids per project, in insertion order (listing sorts them). */
  byProject = new Map<string, string[]>();

  readonly idempotency = new IdempotencyCache();
  readonly requests = new RequestLog();
  readonly faults = new FaultRules();
  readonly limiter = new RateLimiter();

  constructor(
    private readonly initial: StoreConfig & { apiKey: string },
    snapshot?: StateFile,
  ) {
    this.config = { jobMs: initial.jobMs, rateLimit: initial.rateLimit };
    if (snapshot) this.load(snapshot);
    else this.seed();
    // A data file written with another --api-key: the key joins the default org.
    if (!this.keys.has(hashKey(initial.apiKey))) this.addKey(initial.apiKey, this.defaultOrgId, [...SCOPES]);
  }

  touch(): void {
    this.version += 1;
  }

  /** Back to a fresh start, keeping the default org, key and project ids callers already hold. */
  reset(): void {
    const org = this.orgs.get(this.defaultOrgId) as Org;
    const project = this.projects.get(this.defaultProjectId) as Project;
    for (const m of [this.orgs, this.keys, this.projects, this.media, this.influencers, this.jobs, this.byProject]) m.clear();
    this.idempotency.clear();
    this.requests.clear();
    this.faults.clear();
    this.limiter.clear();
    this.config = { jobMs: this.initial.jobMs, rateLimit: this.initial.rateLimit };
    this.orgs.set(org.orgId, org);
    this.projects.set(project.projectId, project);
    // The default project's (now empty) list: without it new personas would never be listed.
    this.byProject.set(project.projectId, []);
    this.addKey(this.initial.apiKey, org.orgId, [...SCOPES]);
    this.touch();
  }

  private seed(): void {
    const now = Date.now();
    const org: Org = { orgId: newOrgId(), name: "Default org", createdAt: now };
    this.orgs.set(org.orgId, org);
    this.defaultOrgId = org.orgId;
    const project = this.addProject(org.orgId, { name: "Default project" }, now);
    this.defaultProjectId = project.projectId;
  }

  // ---- orgs and keys ----

  addKey(key: string, orgId: string, scopes: Scope[]): void {
    const keyHash = hashKey(key);
    this.keys.set(keyHash, { keyHash, orgId, scopes });
    this.touch();
  }

  /** A new org with a fresh random key; the key is returned once and only its hash is kept. */
  createOrg(name: string | undefined, scopes: Scope[]): { org: Org; apiKey: string } {
    const org: Org = { orgId: newOrgId(), name: name ?? `Org ${this.orgs.size + 1}`, createdAt: Date.now() };
    this.orgs.set(org.orgId, org);
    const apiKey = `lyr_test_${randomBytes(16).toString("hex")}`;
    this.addKey(apiKey, org.orgId, scopes);
    return { org, apiKey };
  }

  /**
   * A new key for the org of `key`, with its scopes; `key` stops working at once, as when a
   * key is rotated in the dashboard. Undefined when `key` is unknown.
   */
  rotateKey(key: string): string | undefined {
    const old = this.keyRecord(key);
    if (!old) return undefined;
    const apiKey = `lyr_test_${randomBytes(16).toString("hex")}`;
    this.keys.delete(old.keyHash);
    this.addKey(apiKey, old.orgId, old.scopes);
    return apiKey;
  }

  keyRecord(key: string): KeyRecord | undefined {
    return this.keys.get(hashKey(key));
  }

  // ---- projects and media ----

  addProject(orgId: string, body: { name: string; appDescription?: string; targetGender?: Project["targetGender"] }, now: number): Project {
    const project: Project = {
      projectId: newProjectId(),
      orgId,
      name: body.name,
      appDescription: body.appDescription ?? null,
      targetGender: body.targetGender ?? null,
      createdAt: now,
    };
    this.projects.set(project.projectId, project);
    this.byProject.set(project.projectId, []);
    this.touch();
    return project;
  }

  /** The project if the org owns it; another org's project looks unknown. */
  project(orgId: string, projectId: string): Project | undefined {
    const p = this.projects.get(projectId);
    return p && p.orgId === orgId ? p : undefined;
  }

  addMedia(projectId: string, fields: Pick<Media, "source" | "externalUrl" | "contentType" | "dataBase64" | "influencerId">, now: number): Media {
    const media: Media = { assetId: newMediaId(), projectId, ...fields, createdAt: now };
    this.media.set(media.assetId, media);
    this.touch();
    return media;
  }

  // ---- jobs ----

  job(orgId: string, jobId: string): Job | undefined {
    const j = this.jobs.get(jobId);
    return j && j.orgId === orgId ? j : undefined;
  }

  // ---- persistence ----

  snapshot(now = Date.now()): StateFile {
    return {
      format: "layers-emulator-state",
      version: 1,
      defaultOrgId: this.defaultOrgId,
      defaultProjectId: this.defaultProjectId,
      orgs: [...this.orgs.values()],
      keys: [...this.keys.values()],
      projects: [...this.projects.values()],
      media: [...this.media.values()],
      influencers: [...this.influencers.values()],
      jobs: [...this.jobs.values()],
      idempotency: this.idempotency.snapshot(now),
    };
  }

  private load(s: StateFile): void {
    this.defaultOrgId = s.defaultOrgId;
    this.defaultProjectId = s.defaultProjectId;
    for (const o of s.orgs) this.orgs.set(o.orgId, o);
    for (const k of s.keys) this.keys.set(k.keyHash, k);
    for (const p of s.projects) {
      this.projects.set(p.projectId, p);
      this.byProject.set(p.projectId, []);
    }
    for (const m of s.media) this.media.set(m.assetId, m);
    for (const j of s.jobs) this.jobs.set(j.jobId, j);
    for (const r of s.influencers) {
      this.influencers.set(r.influencerId, r);
      this.byProject.get(r.projectId)?.push(r.influencerId);
    }
    this.idempotency.load(s.idempotency);
  }
}
