// What route files share: the store, the optional persister, how to build absolute URLs,
// and the per-request bookkeeping the pipeline hooks attach to each request.
import type { FastifyRequest } from "fastify";
import type { FaultRule } from "./faults";
import type { Persister } from "./persistence";
import type { RequestLogEntry } from "./request-log";
import type { Store } from "./store";
import type { IdempotencyRecord, JobOutcome, Scope } from "./types";

export interface Ctx {
  store: Store;
  persister: Persister | null;
  /** --public-url, without a trailing slash. */
  publicUrl: string | null;
  /** Fallback base when a request has no Host header; set once the server listens. */
  listenUrl: string;
  /** Answers to a rate-limited key carry RateLimit-Policy / RateLimit headers. */
  rateLimitHeaders: boolean;
}

/** Per-request state, set by the pipeline (pipeline.ts). */
export interface RequestState {
  path: string;
  entry: RequestLogEntry | null;
  orgId: string;
  keyHash: string;
  /** A job-fail/job-stuck rule this request matched; used up only if a job is really created. */
  jobRule: FaultRule | null;
  resetAfter: boolean;
  idem: IdempotencyRecord | null;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The scope an API route needs; every /v1 route sets one. */
    scope?: Scope;
    /** The route can start a generation job (job-fail/job-stuck rules apply to it). */
    startsJob?: boolean;
  }
  interface FastifyRequest {
    emu: RequestState;
  }
}

export function baseUrl(ctx: Ctx, request: FastifyRequest): string {
  if (ctx.publicUrl) return ctx.publicUrl;
  const host = request.headers.host;
  return host ? `http://${host}` : ctx.listenUrl;
}

/** The outcome of the job this request starts: a matched job rule is used up here. */
export function jobOutcome(ctx: Ctx, request: FastifyRequest): JobOutcome {
  const rule = request.emu.jobRule;
  if (!rule || !ctx.store.faults.consume(rule)) return "succeed";
  return rule.action.type === "job-fail" ? "fail" : "stuck";
}
