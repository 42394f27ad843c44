// Builds the Fastify instance: JSON-only body parsing with the contract's errors, the request
// pipeline, the routes, and the 404 / error handlers that always answer with the envelope.
import Fastify, { type FastifyInstance } from "fastify";
import type { Ctx } from "./context";
import { ApiError, sendApiError, toApiError, validation } from "./errors";
import { newRequestId } from "./ids";
import { installPipeline, logRequest } from "./pipeline";
import { dashboardRoutes } from "./dashboard/routes";
import { controlRoutes } from "./routes/control";
import { influencerRoutes } from "./routes/influencers";
import { jobRoutes } from "./routes/jobs";
import { mediaRoutes } from "./routes/media";
import { projectRoutes } from "./routes/projects";

export const BODY_LIMIT = 1024 * 1024;

export function buildApp(ctx: Ctx, opts: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    genReqId: () => newRequestId(),
    requestIdHeader: false,
    forceCloseConnections: true,
    return503OnClosing: true,
    // Wrong-shaped URLs (bad percent-encoding, ...) still get the envelope.
    frameworkErrors: (err, request, reply) => {
      const apiError = err.statusCode && err.statusCode < 500 ? new ApiError(404, "NOT_FOUND", "No such route.") : toApiError(err);
      const url = request.raw.url ?? "/";
      if (url.startsWith("/v1/")) logRequest(ctx, request, url.split("?")[0], null, apiError.status);
      sendApiError(request, reply, apiError);
    },
  });

  // JSON only: any other content type is 415. An empty body is allowed (every create field is optional).
  app.removeAllContentTypeParsers();
  const parseJson = (_req: unknown, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    const s = String(text);
    if (s.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(s));
    } catch {
      done(validation({ body: ["Malformed JSON."] }, "Invalid JSON body."), undefined);
    }
  };
  app.addContentTypeParser("application/json", { parseAs: "string" }, parseJson);
  app.addContentTypeParser(/^application\/[\w.+-]*\+json$/, { parseAs: "string" }, parseJson);

  installPipeline(app, ctx);
  projectRoutes(app, ctx);
  influencerRoutes(app, ctx);
  jobRoutes(app, ctx);
  mediaRoutes(app, ctx);
  controlRoutes(app, ctx);
  dashboardRoutes(app, ctx);

  app.setNotFoundHandler((request, reply) => {
    sendApiError(request, reply, new ApiError(404, "NOT_FOUND", `No route for ${request.method} ${request.emu?.path ?? "this path"}.`));
  });
  app.setErrorHandler((err, request, reply) => {
    sendApiError(request, reply, toApiError(err));
  });
  return app;
}
