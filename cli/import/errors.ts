// The one line the command ends with when something goes wrong: what happened and what to
// do. Never the key: messages are built from the client's errors (which hold no request
// config) and pass through redact() besides.
import { APIConnectionError, APIError, JobFailedError, LayersError } from "../../provider/client";
import { redact } from "../../provider/client/redact";

export interface FailureContext {
  projectId: string;
  baseUrl?: string;
  /** Where the key came from, for the hint: "LAYERS_API_KEY" or "stack dev's layers:apiKey". */
  keySource: string;
  apiKey?: string;
}

export function describeFailure(e: unknown, ctx: FailureContext): string {
  return redact(oneLine(message(e, ctx)), ctx.apiKey);
}

function message(e: unknown, ctx: FailureContext): string {
  const where = ctx.baseUrl ? ` at ${ctx.baseUrl}` : "";
  const req = e instanceof APIError && e.requestId ? `, request ${e.requestId}` : "";
  if (e instanceof APIConnectionError) {
    return `no answer from the Layers API${where} (${e.code}): check LAYERS_BASE_URL / layers:baseUrl, or start the emulator`;
  }
  if (e instanceof APIError && e.status === 401) {
    return `the Layers API${where} refused the API key (401 UNAUTHENTICATED${req}): check ${ctx.keySource}, and that it is a key for this API (LAYERS_BASE_URL)`;
  }
  if (e instanceof APIError && e.status === 403) {
    return `the API key lacks the influencers:write scope (403 ${e.code}${req}): use a key with influencers:write (${ctx.keySource})`;
  }
  if (e instanceof APIError && e.status === 404 && e.path.startsWith(`/v1/projects/`)) {
    return (
      `project ${ctx.projectId} was not found${where} (404 ${(e as APIError).code}${req}): it does not exist, or it belongs to another ` +
      `org than this API key's. Check --project, and use a key of the project's org (${ctx.keySource})`
    );
  }
  if (e instanceof LayersError || e instanceof JobFailedError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
