// Whether this key can work at all, asked once, before anything else is: a missing key, a
// refused key, a key of another org and an unreachable baseUrl should fail `pulumi preview`
// with one message saying what to check, not `pulumi up` after the merge with one message
// per persona. And the same words for those failures whenever they happen later.
import { APIConnectionError, APIError, isNotFound } from "../client";
import type { LifecycleContext } from "./context";
import { isKnownString } from "./validation";

const KEY = "layers:apiKey (or an explicit provider's apiKey) / LAYERS_API_KEY";
const URL = "layers:baseUrl / LAYERS_BASE_URL";

/** A client failure that says the key or the endpoint is wrong, rewritten to say what to check; else undefined. */
export function accessFailure(e: unknown, baseUrl: string | undefined): Error | undefined {
  const where = baseUrl ? ` at ${baseUrl}` : "";
  if (e instanceof APIConnectionError) {
    return withCause(`no answer from the Layers API${where} (${e.message}). Check ${URL} (for the local emulator: is it running on that port?)`, e);
  }
  if (e instanceof APIError && e.status === 401) {
    return withCause(`the Layers API${where} refused the API key (${e.message}). Check ${KEY}, and that it is a key for this API (${URL})`, e);
  }
  if (e instanceof APIError && e.status === 403) {
    return withCause(`the API key lacks a scope it needs (${e.message}). Use a key with influencers:write and projects:write (${KEY})`, e);
  }
  return undefined;
}

function withCause(message: string, cause: Error): Error {
  return new Error(message, { cause });
}

// By client: a host's contexts may differ per call (a log bound to the resource) but share one client.
/**
 * A check's outcome, once its inputs passed and name a known project: verified against the
 * API (below), so a wrong key, org or baseUrl fails `pulumi preview` instead of `pulumi up`.
 */
export async function verifiedCheck<C extends { inputs: Record<string, unknown>; failures: unknown[] }>(ctx: () => LifecycleContext, checked: C): Promise<C> {
  // The context is asked for only now: bad inputs are reported even without a key.
  if (!checked.failures.length && isKnownString(checked.inputs.projectId)) await verifyProjectAccess(ctx(), checked.inputs.projectId);
  return checked;
}

const verified = new WeakMap<LifecycleContext["client"], Map<string, Promise<void>>>();

/**
 * One request per client (a provider host's run) and project: the key is valid, the endpoint
 * answers, and the key's org sees the project. It lists one persona of the project, which
 * needs only the scope every persona operation needs (influencers:write); a project of
 * another org is 404. Later calls share the answer.
 */
export function verifyProjectAccess(ctx: LifecycleContext, projectId: string): Promise<void> {
  let byProject = verified.get(ctx.client);
  if (!byProject) verified.set(ctx.client, (byProject = new Map()));
  let check = byProject.get(projectId);
  if (!check) {
    check = ctx.client.listInfluencers(projectId, { limit: 1 }).then(
      () => undefined,
      (e: unknown) => {
        throw projectFailure(e, projectId, ctx.baseUrl);
      },
    );
    byProject.set(projectId, check);
  }
  return check;
}

function projectFailure(e: unknown, projectId: string, baseUrl: string | undefined): Error {
  const access = accessFailure(e, baseUrl);
  if (access) return access;
  if (isNotFound(e)) {
    return new Error(
      `project ${projectId} is not visible to this API key (${(e as Error).message}): it does not exist, or it belongs to another org than the key's. ` +
        `Check projectId, and ${KEY}`,
      { cause: e },
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}
