// Helpers for the emulator's HTTP-level tests: start it on an ephemeral loopback port, call
// the API and the control API over real HTTP, and poll (never sleep blindly) for progress.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding, no content type unless given in headers). */
  raw?: string;
  headers?: Record<string, string>;
  key?: string | null;
  idempotencyKey?: string;
}

export async function call(url: string, method: string, path: string, o: CallOptions = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(o.key ? { authorization: `Bearer ${o.key}` } : {}) };
  if (o.idempotencyKey) headers["idempotency-key"] = o.idempotencyKey;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] = "application/json";
  }
  Object.assign(headers, o.headers);
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** A client bound to one key (default: the emulator's). */
export function api(emu: RunningEmulator, key: string | null = emu.apiKey) {
  const c = (method: string, path: string, o: CallOptions = {}) => call(emu.url, method, path, { key, ...o });
  return {
    get: (path: string, o?: CallOptions) => c("GET", path, o),
    post: (path: string, body?: unknown, o?: CallOptions) => c("POST", path, { body, ...o }),
    patch: (path: string, body?: unknown, o?: CallOptions) => c("PATCH", path, { body, ...o }),
    delete: (path: string, body?: unknown, o?: CallOptions) => c("DELETE", path, { body, ...o }),
    call: c,
  };
}

export function control(emu: RunningEmulator) {
  const c = (method: string, path: string, body?: unknown) => call(emu.url, method, `/_emulator${path}`, { body });
  return {
    org: async (body: { name?: string; scopes?: string[] } = {}) => (await c("POST", "/orgs", body)).body as { orgId: string; apiKey: string; scopes: string[] },
    fault: async (rule: Record<string, unknown>) => {
      const r = await c("POST", "/faults", rule);
      if (r.status !== 201) throw new Error(`fault refused: ${r.status} ${r.text}`);
      return r.body.ruleId as string;
    },
    clearFaults: () => c("DELETE", "/faults"),
    requests: async () => (await c("GET", "/requests")).body.requests as Array<Record<string, unknown>>,
    clearRequests: () => c("DELETE", "/requests"),
    state: async () => (await c("GET", "/state")).body,
    config: (body: Record<string, unknown>) => c("PATCH", "/config", body),
    reset: () => c("POST", "/reset"),
    call: c,
  };
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ host: "127.0.0.1", port: 0, jobMs: 60, ...options });
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, what = "condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates an influencer in `projectId` and waits until its job is terminal; returns the job. */
export async function createReady(emu: RunningEmulator, projectId = emu.projectId, body: unknown = {}, key = emu.apiKey) {
  const a = api(emu, key);
  const created = await a.post(`/v1/projects/${projectId}/influencers`, body);
  if (created.status !== 202) throw new Error(`create: ${created.status} ${created.text}`);
  const job = await waitJob(emu, created.body.jobId, key);
  return { influencerId: created.body.influencerId as string, jobId: created.body.jobId as string, job };
}

export async function waitJob(emu: RunningEmulator, jobId: string, key = emu.apiKey) {
  const a = api(emu, key);
  return waitFor(async () => {
    const r = await a.get(`/v1/jobs/${jobId}`);
    return ["succeeded", "failed", "canceled"].includes(r.body?.status) ? r.body : undefined;
  }, 5000, `job ${jobId}`);
}

export const ERROR_SHAPE = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Asserts the contract's error envelope and a matching X-Request-Id; returns the error. */
export function expectError(r: Res, status: number, code: string) {
  if (r.status !== status) throw new Error(`expected ${status} ${code}, got ${r.status} ${r.text}`);
  const e = r.body?.error;
  if (!e || e.code !== code || typeof e.message !== "string" || !ERROR_SHAPE.test(e.requestId)) {
    throw new Error(`not the contract's error envelope with ${code}: ${r.text}`);
  }
  if (r.headers.get("x-request-id") !== e.requestId) throw new Error("X-Request-Id does not match error.requestId");
  if (/\bat .*\(.*:\d+:\d+\)|node_modules/.test(r.text)) throw new Error(`stack trace leaked: ${r.text}`);
  return e as { code: string; message: string; requestId: string; details?: { fieldErrors?: Record<string, string[]> } };
}
