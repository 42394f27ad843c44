// A 404 for an influencer means "deleted" only if the key can still see its project. A
// rotated key, a key of another org or a wrong base URL answers 404 for everything; taking
// that at face value would make a refresh drop every persona from state, or a destroy
// forget personas that still exist.
import { APIError, isNotFound } from "../client";
import type { LifecycleContext } from "../core/context";
import { AccessLostError } from "../core/errors";

export async function confirmDeleted(ctx: LifecycleContext, projectId: string | undefined, influencerId: string, during: string): Promise<void> {
  if (!projectId) return; // import by id: nothing to check against
  try {
    await ctx.client.getProject(projectId);
  } catch (e) {
    if (isNotFound(e) || (e instanceof APIError && (e.status === 401 || e.status === 403))) {
      throw new AccessLostError(
        `${during}: Layers answers 404 for influencer ${influencerId}, but this API key cannot see its project ` +
          `${projectId} either (${(e as Error).message}). The key, its org or layers:baseUrl looks wrong; ` +
          `the persona is kept in state. Check layers:apiKey / LAYERS_API_KEY and layers:baseUrl.`,
      );
    }
    throw e;
  }
}
