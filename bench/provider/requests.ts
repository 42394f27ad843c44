// Reading the emulator's control API from the benchmark: the request log (with arrival times)
// and the jobs' terminal instants. The log is the ground truth for "what did the provider send".
import axios from "axios";

export interface LoggedRequest {
  method: string;
  path: string;
  status: number | null;
  idempotencyKey: string | null;
  /** Arrival at the emulator, epoch ms (the log stores ISO strings with ms). */
  atMs: number;
}

export interface JobView {
  jobId: string;
  influencerId: string;
  status: string;
  /** Terminal instant, epoch ms; null while running. */
  completedAtMs: number | null;
  durationMs: number;
}

export interface Control {
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  jobs(): Promise<JobView[]>;
  config(body: { jobMs?: number; rateLimit?: number }): Promise<void>;
  /** Personas not deleted, in every project. */
  livePersonas(): Promise<number>;
  /** Adds a fault rule (docs/emulator.md, Faults). */
  fault(rule: { method?: string; path: string; times?: number; action: Record<string, unknown> }): Promise<void>;
}

export function control(baseUrl: string): Control {
  const http = axios.create({ baseURL: `${baseUrl}/_emulator`, validateStatus: (s) => s < 300 });
  return {
    async requests() {
      const data = (await http.get("/requests")).data as { requests: (Omit<LoggedRequest, "atMs"> & { at: string })[] };
      return data.requests.map(({ at, ...r }) => ({ ...r, atMs: Date.parse(at) }));
    },
    async clearRequests() {
      await http.delete("/requests");
    },
    async jobs() {
      const data = (await http.get("/state")).data as {
        jobs: { jobId: string; influencerId: string; status: string; completedAt: string | null; durationMs: number }[];
      };
      return data.jobs.map((j) => ({
        jobId: j.jobId,
        influencerId: j.influencerId,
        status: j.status,
        completedAtMs: j.completedAt === null ? null : Date.parse(j.completedAt),
        durationMs: j.durationMs,
      }));
    },
    async config(body) {
      await http.patch("/config", body);
    },
    async livePersonas() {
      const data = (await http.get("/state")).data as { influencers: { deletedAt?: string | null }[] };
      return data.influencers.filter((r) => !r.deletedAt).length;
    },
    async fault(rule) {
      await http.post("/faults", rule);
    },
  };
}

/** "GET /v1/jobs/:jobId"-style label: the endpoint, ids replaced by their kind. */
export function endpoint(r: Pick<LoggedRequest, "method" | "path">): string {
  const path = r.path
    .replace(/\/projects\/[^/?]+/, "/projects/:projectId")
    .replace(/inf_[0-9A-Z]{26}/g, ":influencerId")
    .replace(/job_[0-9A-Z]{26}/g, ":jobId")
    .replace(/\?.*$/, "");
  return `${r.method} ${path}`;
}

/** Short names used in the tables. */
export function shortName(r: Pick<LoggedRequest, "method" | "path">): string {
  const e = endpoint(r);
  const names: Record<string, string> = {
    "POST /v1/projects/:projectId/influencers": "POST create",
    "GET /v1/jobs/:jobId": "GET job",
    "PATCH /v1/influencers/:influencerId": "PATCH",
    "GET /v1/influencers/:influencerId": "GET influencer",
    "DELETE /v1/influencers/:influencerId": "DELETE",
    "GET /v1/projects/:projectId": "GET project",
    "POST /v1/influencers/:influencerId/reference-images": "POST reference-images",
  };
  return names[e] ?? e;
}

export const isJobPoll = (r: LoggedRequest, jobId: string) => r.method === "GET" && r.path === `/v1/jobs/${jobId}`;
