// POST /v1/projects and GET /v1/projects/:projectId (scope projects:write).
import type { FastifyInstance } from "fastify";
import { jobOutcome, type Ctx } from "../context";
import { notFound } from "../errors";
import { isProjectId } from "../ids";
import { createInfluencer } from "../influencer-ops";
import { parseBody, projectBody } from "../schemas";
import { renderProject } from "../views";

export function projectRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store } = ctx;

  app.post("/v1/projects", { config: { scope: "projects:write", startsJob: true } }, async (request, reply) => {
    const body = parseBody(projectBody, request.body, false);
    const now = Date.now();
    const project = store.addProject(request.emu.orgId, body, now);
    // With an appDescription, the first influencer is created in the background, as onboarding does.
    if (body.appDescription && body.appDescription.trim()) createInfluencer(store, project, {}, jobOutcome(ctx, request), now);
    return reply.code(201).send(renderProject(project));
  });

  app.get<{ Params: { projectId: string } }>("/v1/projects/:projectId", { config: { scope: "projects:write" } }, async (request) => {
    const { projectId } = request.params;
    const project = isProjectId(projectId) ? store.project(request.emu.orgId, projectId) : undefined;
    if (!project) throw notFound("Project");
    return renderProject(project);
  });
}
