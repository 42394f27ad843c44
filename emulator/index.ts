// The emulator as a library: createApp builds it without listening (for app.inject or your
// own listen), startEmulator runs it on a port and hands back the URL, key and default project.
import "./require-server-packages"; // first: fastify and ulid are optional peer dependencies
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import type { Ctx } from "./context";
import { loadState, Persister, removeStaleTempFiles } from "./persistence";
import { Store } from "./store";

export { Store } from "./store";
export { DataFileError } from "./persistence";
export type { RequestLogEntry } from "./request-log";

export interface EmulatorOptions {
  /** Key of the default org (scopes influencers:write + projects:write). Default "lyr_test_emulator". */
  apiKey?: string;
  /** Time a create/clone job takes pending -> training -> ready. Default 1500. */
  jobMs?: number;
  /** Requests per second per key; 0/undefined = off. */
  rateLimit?: number;
  /** State the rate limit in IETF RateLimit-Policy / RateLimit response headers (the contract does not promise them). Default off. */
  rateLimitHeaders?: boolean;
  /** Persist state here (atomic writes); undefined = memory only. */
  dataFile?: string;
  /** Base for absolute media URLs; default derived from the request Host header. */
  publicUrl?: string;
  /** Fastify's request logger; off by default. */
  logger?: boolean;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  apiKey: string;
  /** The default project. */
  projectId: string;
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

export const DEFAULT_API_KEY = "lyr_test_emulator";
export const DEFAULT_JOB_MS = 1500;

async function build(options: EmulatorOptions) {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const snapshot = options.dataFile ? await loadState(options.dataFile) : undefined;
  if (options.dataFile) await removeStaleTempFiles(options.dataFile);
  const store = new Store({ apiKey, jobMs: options.jobMs ?? DEFAULT_JOB_MS, rateLimit: options.rateLimit ?? 0 }, snapshot);
  const persister = options.dataFile ? new Persister(store, options.dataFile) : null;
  // Write at once: a fresh file then holds the default project, an old one the current key.
  if (persister) await persister.flush();
  const ctx: Ctx = {
    store,
    persister,
    publicUrl: options.publicUrl ? options.publicUrl.replace(/\/+$/, "") : null,
    listenUrl: "http://127.0.0.1",
    rateLimitHeaders: options.rateLimitHeaders ?? false,
  };
  const app = buildApp(ctx, { logger: options.logger });
  return { app, store, apiKey, projectId: store.defaultProjectId, ctx };
}

/** Builds the server without listening. A corrupt dataFile rejects with DataFileError. */
export async function createApp(options: EmulatorOptions = {}): Promise<{ app: FastifyInstance; store: Store; apiKey: string; projectId: string }> {
  const { app, store, apiKey, projectId } = await build(options);
  return { app, store, apiKey, projectId };
}

/** "0.0.0.0"/"::" listen everywhere but are reached through loopback; IPv6 literals need brackets. */
export function urlFor(host: string, port: number): string {
  const h = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

export async function startEmulator(options: EmulatorOptions & { host?: string; port?: number } = {}): Promise<RunningEmulator> {
  const { app, store, apiKey, projectId, ctx } = await build(options);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  const url = urlFor(host, port);
  ctx.listenUrl = url;
  let closed: Promise<void> | null = null;
  return {
    url,
    apiKey,
    projectId,
    app,
    store,
    close: () => (closed ??= (async () => {
      await app.close();
      if (ctx.persister) await ctx.persister.flush();
    })()),
  };
}
