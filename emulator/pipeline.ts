// The order every /v1 request goes through:
//   onRequest:  request id, request log, key (401), rate limit (429), scope (403)
//   (body parsing: 415, 413, 422)
//   preHandler: fault rule (status / reset before / delay / reset after / job rules),
//               Idempotency-Key (replay, 422 on a different body, 409 while in flight)
//   handler
//   onSend:     idempotency record, group-committed write of the data file, reset after
// A request refused at any step changes nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "./context";
import { ApiError, codeForStatus, validation } from "./errors";
import { bodyHash } from "./idempotency";
import type { RequestLogEntry } from "./request-log";
import { hashKey } from "./store";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1] : undefined;
  }
  const x = request.headers["x-api-key"];
  return typeof x === "string" && x.length > 0 ? x : undefined;
}

function authenticate(ctx: Ctx, request: FastifyRequest, reply: FastifyReply): void {
  const key = presentedKey(request);
  const rec = key === undefined ? undefined : ctx.store.keys.get(hashKey(key));
  if (!rec) throw new ApiError(401, "UNAUTHENTICATED", "Missing or invalid API key.");
  request.emu.orgId = rec.orgId;
  request.emu.keyHash = rec.keyHash;
  const rate = ctx.store.config.rateLimit;
  if (rate > 0) {
    const now = Date.now();
    const wait = ctx.store.limiter.take(rec.keyHash, rate, now);
    const stated: Record<string, string> = {};
    if (ctx.rateLimitHeaders) {
      const { policy, current } = ctx.store.limiter.headers(rec.keyHash, rate, now);
      stated["ratelimit-policy"] = policy;
      stated.ratelimit = current;
      reply.headers(stated);
    }
    if (wait !== null) throw new ApiError(429, "RATE_LIMITED", "Too many requests for this key.", undefined, { "retry-after": String(wait), ...stated });
  }
  const scope = request.routeOptions.config.scope;
  if (scope && !rec.scopes.includes(scope)) throw new ApiError(403, "FORBIDDEN_SCOPE", `This key lacks the ${scope} scope.`);
}

/** Drops the connection without a response (a "reset" fault). */
function dropConnection(request: FastifyRequest): void {
  if (request.emu.entry) request.emu.entry.status = 0;
  request.raw.socket?.destroy();
}

async function applyFault(ctx: Ctx, request: FastifyRequest, reply: FastifyReply): Promise<number> {
  const rule = ctx.store.faults.match(request.method, request.emu.path, request.routeOptions.config.startsJob === true);
  if (!rule) return 0;
  const a = rule.action;
  if (a.type === "job-fail" || a.type === "job-stuck") {
    request.emu.jobRule = rule;
    return 0;
  }
  if (!ctx.store.faults.consume(rule)) return 0;
  switch (a.type) {
    case "status": {
      const headers: Record<string, string> = a.retryAfter !== undefined ? { "retry-after": String(a.retryAfter) } : {};
      throw new ApiError(a.status, a.code ?? codeForStatus(a.status), "Injected fault.", undefined, headers);
    }
    case "reset":
      if (a.when === "before") {
        reply.hijack();
        dropConnection(request);
        return -1;
      }
      request.emu.resetAfter = true;
      return 0;
    case "delay":
      return a.ms;
  }
}

function checkIdempotency(ctx: Ctx, request: FastifyRequest, reply: FastifyReply): boolean {
  const key = request.headers["idempotency-key"];
  if (request.method !== "POST" || key === undefined) return false;
  if (typeof key !== "string" || key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw validation({ "Idempotency-Key": ["Must be 1-255 visible ASCII characters."] }, "Invalid Idempotency-Key header.");
  }
  const scope = `${request.emu.orgId} POST ${request.emu.path}`;
  const hash = bodyHash(request.body);
  const now = Date.now();
  const rec = ctx.store.idempotency.get(scope, key, now);
  if (rec) {
    if (rec.bodyHash !== hash) throw validation({ "Idempotency-Key": ["This key was used with a different body."] }, "Idempotency-Key reused with a different body.");
    if (rec.state === "in_flight") throw new ApiError(409, "CONFLICT", "A request with this Idempotency-Key is still being processed.");
    if (request.emu.entry) request.emu.entry.replayed = true;
    reply.code(rec.status).header("idempotent-replayed", "true").header("content-type", rec.contentType).send(rec.body);
    return true;
  }
  request.emu.idem = ctx.store.idempotency.reserve(scope, key, hash, now);
  return false;
}

/** Adds the request to the request log (method, path, status, Idempotency-Key; never headers or keys). */
export function logRequest(ctx: Ctx, request: FastifyRequest, path: string, query: string | null, status: number | null): RequestLogEntry {
  const idem = request.headers["idempotency-key"];
  return ctx.store.requests.add({
    method: request.method,
    path,
    query,
    status,
    idempotencyKey: typeof idem === "string" ? idem : null,
    replayed: false,
    requestId: request.id,
    at: new Date().toISOString(),
  });
}

export function installPipeline(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest("emu", null as never);

  app.addHook("onRequest", async (request, reply) => {
    const url = request.raw.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    request.emu = { path, entry: null, orgId: "", keyHash: "", jobRule: null, resetAfter: false, idem: null };
    reply.header("x-request-id", request.id);
    if (!path.startsWith("/v1/") && path !== "/v1") return;
    request.emu.entry = logRequest(ctx, request, path, q < 0 ? null : url.slice(q + 1), null);
    if (request.routeOptions.config.scope) authenticate(ctx, request, reply);
  });

  app.addHook("preHandler", async (request, reply) => {
    if (!request.routeOptions.config.scope) return;
    const delay = await applyFault(ctx, request, reply);
    if (delay < 0) return reply;
    if (checkIdempotency(ctx, request, reply)) return reply;
    if (delay > 0) await sleep(delay);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.emu) return payload; // answered before routing (frameworkErrors)
    const { idem } = request.emu;
    if (idem && idem.state === "in_flight") {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === "string") {
        ctx.store.idempotency.complete(idem, reply.statusCode, String(reply.getHeader("content-type") ?? "application/json"), payload);
        ctx.store.touch();
      } else {
        ctx.store.idempotency.release(idem);
      }
    }
    if (ctx.persister) await ctx.persister.flush();
    if (request.emu.resetAfter) dropConnection(request);
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    if (!request.emu) return;
    const { entry, idem } = request.emu;
    if (entry && entry.status === null) entry.status = reply.statusCode;
    if (idem && idem.state === "in_flight") ctx.store.idempotency.release(idem);
  });

  app.addHook("onRequestAbort", async (request) => {
    const { entry, idem } = request.emu ?? {};
    if (entry && entry.status === null) entry.status = 0;
    if (idem && idem.state === "in_flight") ctx.store.idempotency.release(idem);
  });
}
