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

/** Creates a persona behind Pulumi's back (as in the dashboard) and waits until it is ready. */
export async function createPersonaOutOfBand(api: Api, projectId: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await call(api, "POST", `/v1/projects/${projectId}/influencers`, body);
  if (res.status !== 202) throw new Error(`create → ${res.status} ${JSON.stringify(res.json)}`);
  const id = (res.json as { influencerId: string }).influencerId;
  for (let i = 0; i < 600; i++) {
    if ((await getInfluencer(api, id)).record.status === "ready") return id;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${id} did not become ready`);
}

/** Soft-deletes a persona behind Pulumi's back. */
export async function deleteInfluencer(api: Api, id: string, reason = "deleted in the dashboard"): Promise<void> {
  const res = await call(api, "DELETE", `/v1/influencers/${id}`, { reason });
  if (res.status !== 200) throw new Error(`DELETE ${id} → ${res.status} ${JSON.stringify(res.json)}`);
}

/** A key of a new org (control API): it sees none of the default org's projects. */
export async function otherOrgKey(api: Api): Promise<string> {
  const res = await call(api, "POST", "/_emulator/orgs", { name: "other" });
  if (res.status !== 201) throw new Error(`POST /_emulator/orgs → ${res.status}`);
  return (res.json as { apiKey: string }).apiKey;
}

/** Rotates a key (control API): a new key of the same org; the old one is refused from then on. */
export async function rotateKey(api: Api, key: string): Promise<string> {
  const res = await call(api, "POST", "/_emulator/keys/rotate", { apiKey: key });
  if (res.status !== 201) throw new Error(`POST /_emulator/keys/rotate → ${res.status}`);
  return (res.json as { apiKey: string }).apiKey;
}

/** Sets the emulator's runtime config (control API), e.g. `{ jobMs }` for jobs created afterwards. */
export async function setEmulatorConfig(api: Api, config: { jobMs?: number; rateLimit?: number }): Promise<void> {
  const res = await call(api, "PATCH", "/_emulator/config", config);
  if (res.status !== 200) throw new Error(`PATCH /_emulator/config → ${res.status}`);
}

/** The `/v1` requests the emulator has logged since the last clear (control API). */
export async function requestLog(api: Api): Promise<Array<{ method: string; path: string; status: number | null }>> {
  const res = await call(api, "GET", "/_emulator/requests");
  return (res.json as { requests: Array<{ method: string; path: string; status: number | null }> }).requests;
}

export async function clearRequestLog(api: Api): Promise<void> {
  await call(api, "DELETE", "/_emulator/requests");
}
