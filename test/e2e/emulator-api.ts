// Out-of-band access to the emulator for the e2e suite: what a dashboard user (or a
// curious engineer) would do behind Pulumi's back, and the emulator's own view of state.

export interface Api {
  url: string;
  apiKey: string;
}

async function call(api: Api, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.apiKey}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export async function getInfluencer(api: Api, id: string): Promise<{ status: number; record: Record<string, unknown> }> {
  const res = await call(api, "GET", `/v1/influencers/${id}`);
  return { status: res.status, record: res.json as Record<string, unknown> };
}

export async function patchInfluencer(api: Api, id: string, fields: Record<string, unknown>): Promise<void> {
  const res = await call(api, "PATCH", `/v1/influencers/${id}`, fields);
  if (res.status !== 200) throw new Error(`PATCH ${id} → ${res.status} ${JSON.stringify(res.json)}`);
}

/** Ids of the live (not deleted) influencers of a project. */
export async function listInfluencerIds(api: Api, projectId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
    const res = await call(api, "GET", `/v1/projects/${projectId}/influencers${q}`);
    if (res.status !== 200) throw new Error(`list → ${res.status} ${JSON.stringify(res.json)}`);
    const body = res.json as { items?: Array<{ influencerId: string }>; data?: Array<{ influencerId: string }>; nextCursor?: string | null };
    for (const item of body.items ?? body.data ?? []) ids.push(item.influencerId);
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return ids;
}

/** The emulator's stored record for an influencer (deleted ones included), from GET /_emulator/state. */
export async function storedInfluencer(api: Api, id: string): Promise<Record<string, unknown> | undefined> {
  const res = await call(api, "GET", "/_emulator/state");
  if (res.status !== 200) throw new Error(`GET /_emulator/state → ${res.status}`);
  // The state file lists rows under `influencers` (emulator/types.ts StateFile); search the
  // whole document only if that layout ever changes.
  const rows = (res.json as { influencers?: Array<Record<string, unknown>> }).influencers;
  return (Array.isArray(rows) ? rows.find((r) => r.influencerId === id) : undefined) ?? findRecord(res.json, id);
}

/** The richest object anywhere in `tree` whose influencerId is `id` (the state's layout is the emulator's business). */
export function findRecord(tree: unknown, id: string): Record<string, unknown> | undefined {
  let best: Record<string, unknown> | undefined;
  const visit = (node: unknown, keyHint?: string) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    if (!node || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    const matches = obj.influencerId === id || (keyHint === id && "status" in obj);
    if (matches && (!best || Object.keys(obj).length > Object.keys(best).length)) best = obj;
    for (const [k, v] of Object.entries(obj)) visit(v, k);
  };
  visit(tree);
  return best;
}
