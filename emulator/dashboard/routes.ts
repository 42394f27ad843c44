// The dashboard: a plain HTML/CSS/JS page at `/` (no build step, nothing from a CDN), and
// the read-only JSON it polls under /_emulator/dashboard. Loopback clients only, like the
// control API; fault rules are added and cleared through the control API itself.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { baseUrl, type Ctx } from "../context";
import { ApiError, notFound } from "../errors";
import { isLoopback } from "../routes/control";
import { parseBody } from "../schemas";
import { readAsset, ASSETS } from "./assets";
import { deletedPage, jobsPage, PAGE_MAX, personasPage, REQUESTS_MAX, summary, type PageQuery } from "./queries";

const pageQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(24),
  status: z.enum(["pending", "training", "ready", "failed"]).optional(),
  q: z.string().max(128).optional(),
});
const requestsQuery = z.strictObject({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(REQUESTS_MAX).default(200),
});

const loopbackOnly = async (request: FastifyRequest) => {
  if (!isLoopback(request.socket.remoteAddress)) {
    throw new ApiError(403, "FORBIDDEN", "The emulator dashboard only answers loopback clients.");
  }
};

function parsePage(query: unknown): PageQuery {
  const q = parseBody(pageQuery, query);
  return { offset: q.offset, limit: q.limit, status: q.status ?? null, q: q.q?.trim() || null };
}

export function dashboardRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store } = ctx;

  app.register(async (page) => {
    page.addHook("onRequest", loopbackOnly);
    page.get("/", async (_request, reply) => sendAsset(reply, "index.html"));
    page.get<{ Params: { file: string } }>("/_dashboard/:file", async (request, reply) => {
      if (!Object.hasOwn(ASSETS, request.params.file) || request.params.file === "index.html") throw notFound("Dashboard file");
      return sendAsset(reply, request.params.file);
    });
  });

  app.register(async (data) => {
    data.addHook("onRequest", loopbackOnly);
    data.get("/summary", async () => summary(store, Date.now()));

    type ByProject = { Params: { projectId: string } };
    const project = (request: FastifyRequest<ByProject>) => {
      const p = store.projects.get(request.params.projectId);
      if (!p) throw notFound("Project");
      return p;
    };
    data.get<ByProject>("/projects/:projectId/personas", async (request) =>
      personasPage(store, project(request).projectId, parsePage(request.query), baseUrl(ctx, request), Date.now()),
    );
    data.get<ByProject>("/projects/:projectId/deleted", async (request) =>
      deletedPage(store, project(request).projectId, parsePage(request.query), baseUrl(ctx, request), Date.now()),
    );
    data.get<ByProject>("/projects/:projectId/jobs", async (request) =>
      jobsPage(store, project(request).projectId, parsePage(request.query), Date.now()),
    );
    // The request log after a cursor: the page keeps `seq` of the last entry it has and asks
    // again from the oldest one it still shows in flight, so late statuses arrive too.
    data.get("/requests", async (request) => {
      const q = parseBody(requestsQuery, request.query);
      return { lastSeq: store.requests.last, requests: store.requests.since(q.since, q.limit) };
    });
  }, { prefix: "/_emulator/dashboard" });

  function sendAsset(reply: import("fastify").FastifyReply, file: string) {
    const asset = readAsset(file);
    // no-cache: the browser revalidates, so a rebuilt emulator never serves a stale page.
    return reply.header("cache-control", "no-cache").header("etag", asset.etag).type(asset.contentType).send(asset.body);
  }
}
