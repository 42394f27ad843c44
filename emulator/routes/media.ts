// Media: POST /v1/projects/:projectId/media (scope influencers:write: media exist to be bound
// as reference images), and the public, keyless GETs that serve the images the records link to.
import type { FastifyInstance, FastifyReply } from "fastify";
import { baseUrl, type Ctx } from "../context";
import { notFound } from "../errors";
import { isInfluencerId, isMediaId, isProjectId } from "../ids";
import { portraitSvg } from "../portrait";
import { MEDIA_BODY_LIMIT, mediaBody, parseBody } from "../schemas";
import { renderMedia } from "../views";

const sendSvg = (reply: FastifyReply, svg: string) =>
  reply.header("cache-control", "public, max-age=86400").type("image/svg+xml").send(svg);

export function mediaRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store } = ctx;

  app.post<{ Params: { projectId: string } }>(
    "/v1/projects/:projectId/media",
    { config: { scope: "influencers:write" }, bodyLimit: MEDIA_BODY_LIMIT },
    async (request, reply) => {
      const { projectId } = request.params;
      const project = isProjectId(projectId) ? store.project(request.emu.orgId, projectId) : undefined;
      if (!project) throw notFound("Project");
      const body = parseBody(mediaBody, request.body, false);
      const fields =
        "url" in body
          ? { source: "url" as const, externalUrl: body.url, contentType: null, dataBase64: null, influencerId: null }
          : { source: "inline" as const, externalUrl: null, contentType: body.contentType, dataBase64: body.dataBase64, influencerId: null };
      const media = store.addMedia(project.projectId, fields, Date.now());
      return reply.code(201).send(renderMedia(media, baseUrl(ctx, request)));
    },
  );

  app.get<{ Params: { influencerId: string; variant: string } }>("/media/influencers/:influencerId/:variant", async (request, reply) => {
    const { influencerId, variant } = request.params;
    const row = isInfluencerId(influencerId) ? store.influencers.get(influencerId) : undefined;
    if (!row || (variant !== "portrait.svg" && variant !== "thumbnail.svg")) throw notFound("Image");
    return sendSvg(reply, portraitSvg(influencerId, variant === "portrait.svg" ? 512 : 128, row.name));
  });

  app.get<{ Params: { assetId: string } }>("/media/assets/:assetId", async (request, reply) => {
    const m = isMediaId(request.params.assetId) ? store.media.get(request.params.assetId) : undefined;
    if (!m) throw notFound("Asset");
    if (m.source === "inline" && m.dataBase64) {
      return reply.header("cache-control", "public, max-age=86400").type(m.contentType ?? "application/octet-stream").send(Buffer.from(m.dataBase64, "base64"));
    }
    // A URL asset is never fetched (the emulator makes no outbound calls): serve a stand-in image.
    return sendSvg(reply, portraitSvg(m.influencerId ?? m.assetId, 512));
  });

  app.get<{ Params: { assetId: string } }>("/media/assets/:assetId/thumbnail.svg", async (request, reply) => {
    const m = isMediaId(request.params.assetId) ? store.media.get(request.params.assetId) : undefined;
    if (!m) throw notFound("Asset");
    return sendSvg(reply, portraitSvg(m.influencerId ?? m.assetId, 128));
  });
}
