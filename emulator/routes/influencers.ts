// The influencer endpoints (scope influencers:write): create, list, get, patch, delete,
// reference images, clone. Validation and HTTP shape here; the rules in influencer-ops.ts.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { baseUrl, jobOutcome, type Ctx } from "../context";
import { notFound } from "../errors";
import { isInfluencerId, isProjectId } from "../ids";
import {
  bindReferenceImages,
  cloneInfluencer,
  createInfluencer,
  deleteInfluencer,
  liveInfluencer,
  listInfluencers,
  patchInfluencer,
} from "../influencer-ops";
import { cloneBody, createInfluencerBody, deleteBody, parseBody, patchBody, referenceImagesBody } from "../schemas";
import type { InfluencerRow, Project } from "../types";
import { iso, jobEnvelope, renderInfluencer, renderListItem, renderReferenceImages } from "../views";
import { pageOf, parseListQuery } from "./list-query";

const config = { scope: "influencers:write" as const };
type ById = { Params: { influencerId: string } };
type ByProject = { Params: { projectId: string } };

export function influencerRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store } = ctx;

  const projectOf = (request: FastifyRequest<ByProject>): Project => {
    const { projectId } = request.params;
    const project = isProjectId(projectId) ? store.project(request.emu.orgId, projectId) : undefined;
    if (!project) throw notFound("Project");
    return project;
  };
  const influencerOf = (request: FastifyRequest<ById>): InfluencerRow => {
    const { influencerId } = request.params;
    const row = isInfluencerId(influencerId) ? liveInfluencer(store, request.emu.orgId, influencerId, Date.now()) : undefined;
    if (!row) throw notFound("Influencer");
    return row;
  };

  app.post<ByProject>("/v1/projects/:projectId/influencers", { config: { ...config, startsJob: true } }, async (request, reply) => {
    const project = projectOf(request);
    const body = parseBody(createInfluencerBody, request.body);
    const job = createInfluencer(store, project, body, jobOutcome(ctx, request), Date.now());
    return reply.code(202).send(jobEnvelope(job));
  });

  app.get<ByProject>("/v1/projects/:projectId/influencers", { config }, async (request) => {
    const project = projectOf(request);
    const query = parseListQuery(request.query);
    const rows = listInfluencers(store, project.projectId, Date.now());
    const page = pageOf(rows, query);
    const base = baseUrl(ctx, request);
    return { items: page.items.map((r) => renderListItem(r, base)), nextCursor: page.nextCursor };
  });

  app.get<ById>("/v1/influencers/:influencerId", { config }, async (request) => {
    return renderInfluencer(store, influencerOf(request), baseUrl(ctx, request));
  });

  app.patch<ById>("/v1/influencers/:influencerId", { config }, async (request) => {
    const row = influencerOf(request);
    const body = parseBody(patchBody, request.body);
    patchInfluencer(store, row, body, Date.now());
    return renderInfluencer(store, row, baseUrl(ctx, request));
  });

  app.delete<ById>("/v1/influencers/:influencerId", { config }, async (request) => {
    const row = influencerOf(request);
    const body = parseBody(deleteBody, request.body);
    deleteInfluencer(store, row, body.reason ?? null, Date.now());
    return { influencerId: row.influencerId, status: "deleted", deletedAt: iso(row.deletedAt as number) };
  });

  app.post<ById>("/v1/influencers/:influencerId/reference-images", { config }, async (request) => {
    const row = influencerOf(request);
    const body = parseBody(referenceImagesBody, request.body, false);
    bindReferenceImages(store, row, body.assetIds, Date.now());
    return { influencerId: row.influencerId, referenceImages: renderReferenceImages(store, row, baseUrl(ctx, request)) };
  });

  app.post<ById>("/v1/influencers/:influencerId/clone", { config: { ...config, startsJob: true } }, async (request, reply) => {
    const source = influencerOf(request);
    const body = parseBody(cloneBody, request.body);
    const job = cloneInfluencer(store, source, body, jobOutcome(ctx, request), Date.now());
    return reply.code(202).send(jobEnvelope(job));
  });
}
