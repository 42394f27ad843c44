// The control API under /_emulator, for tests and demos: orgs and keys, fault rules, the
// request log, a dump of all state, runtime config and reset. Loopback clients only, no key.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { baseUrl, type Ctx } from "../context";
import { ApiError } from "../errors";
import { faultRuleBody } from "../faults";
import { settle } from "../influencer-ops";
import { phaseAt } from "../lifecycle";
import { parseBody } from "../schemas";
import { SCOPES } from "../types";
import { iso, renderInfluencer, renderJob, renderMedia, renderProject } from "../views";

const orgBody = z.strictObject({ name: z.string().min(1).max(128).optional(), scopes: z.array(z.enum(SCOPES)).optional() });
const rotateBody = z.strictObject({ apiKey: z.string().min(1) });
const configBody = z.strictObject({ jobMs: z.number().int().min(0).max(86_400_000).optional(), rateLimit: z.number().min(0).max(1_000_000).optional() });

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: the socket's own peer address, never a header. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
}

export function controlRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store } = ctx;

  app.register(async (control) => {
    control.addHook("onRequest", async (request: FastifyRequest) => {
      if (!isLoopback(request.socket.remoteAddress)) {
        throw new ApiError(403, "FORBIDDEN", "The emulator control API only answers loopback clients.");
      }
    });

    control.post("/orgs", async (request, reply) => {
      const body = parseBody(orgBody, request.body);
      const scopes = [...new Set(body.scopes ?? SCOPES)];
      const { org, apiKey } = store.createOrg(body.name, scopes);
      return reply.code(201).send({ orgId: org.orgId, name: org.name, apiKey, scopes });
    });

    control.post("/keys/rotate", async (request, reply) => {
      const { apiKey } = parseBody(rotateBody, request.body);
      const rotated = store.rotateKey(apiKey);
      if (!rotated) throw new ApiError(404, "NOT_FOUND", "No such API key.");
      return reply.code(201).send({ apiKey: rotated });
    });

    control.post("/faults", async (request, reply) => {
      const rule = store.faults.add(parseBody(faultRuleBody, request.body, false));
      return reply.code(201).send({ ruleId: rule.ruleId });
    });
    control.get("/faults", async () => ({ faults: store.faults.list() }));
    control.delete("/faults", async (_request, reply) => {
      store.faults.clear();
      return reply.code(204).send();
    });

    control.get("/requests", async () => ({ requests: store.requests.list() }));
    control.delete("/requests", async (_request, reply) => {
      store.requests.clear();
      return reply.code(204).send();
    });

    control.get("/state", async (request) => {
      const now = Date.now();
      const base = baseUrl(ctx, request);
      return {
        defaultOrgId: store.defaultOrgId,
        defaultProjectId: store.defaultProjectId,
        config: store.config,
        orgs: [...store.orgs.values()].map((o) => ({
          ...o,
          createdAt: iso(o.createdAt),
          keys: [...store.keys.values()].filter((k) => k.orgId === o.orgId).map((k) => ({ keyHash: k.keyHash, scopes: k.scopes })),
        })),
        projects: [...store.projects.values()].map((p) => ({ ...renderProject(p), orgId: p.orgId })),
        influencers: [...store.influencers.values()].map((r) => {
          settle(store, r, now);
          return {
            ...renderInfluencer(store, r, base),
            orgId: r.orgId,
            prompt: r.prompt,
            jobId: r.jobId,
            deletedAt: r.deletedAt === null ? null : iso(r.deletedAt),
            deleteReason: r.deleteReason,
          };
        }),
        jobs: [...store.jobs.values()].map((j) => {
          const phase = phaseAt(j, now);
          return { ...renderJob(j, phase), orgId: j.orgId, outcome: j.outcome, durationMs: j.durationMs, dueAt: iso(phase.dueAt) };
        }),
        media: [...store.media.values()].map((m) => ({ ...renderMedia(m, base), projectId: m.projectId, source: m.source })),
      };
    });

    control.get("/config", async () => store.config);
    control.patch("/config", async (request) => {
      const body = parseBody(configBody, request.body);
      if (body.jobMs !== undefined) store.config.jobMs = body.jobMs;
      if (body.rateLimit !== undefined && body.rateLimit !== store.config.rateLimit) {
        store.config.rateLimit = body.rateLimit;
        store.limiter.clear();
      }
      return store.config;
    });

    control.post("/reset", async () => {
      store.reset();
      return { ok: true, defaultProjectId: store.defaultProjectId };
    });
  }, { prefix: "/_emulator" });
}
