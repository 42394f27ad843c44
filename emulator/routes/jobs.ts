// GET /v1/jobs/:jobId, with a Retry-After polling hint that never points past completion.
import type { FastifyInstance } from "fastify";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { isJobId } from "../ids";
import { phaseAt, retryAfterSeconds } from "../lifecycle";
import { renderJob } from "../views";

export function jobRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Params: { jobId: string } }>("/v1/jobs/:jobId", { config: { scope: "influencers:write" } }, async (request, reply) => {
    const { jobId } = request.params;
    const job = isJobId(jobId) ? ctx.store.job(request.emu.orgId, jobId) : undefined;
    if (!job) throw notFound("Job");
    const now = Date.now();
    const phase = phaseAt(job, now);
    const wait = retryAfterSeconds(phase, now);
    if (wait !== null) reply.header("retry-after", String(wait));
    return renderJob(job, phase);
  });
}
