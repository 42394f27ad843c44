// Query parameters of the influencer list (limit, cursor, status) and keyset pagination:
// the cursor is the (createdAt, id) of the last item returned, so pages stay consistent
// while rows are added or deleted.
import { validation, type FieldErrors } from "../errors";
import { LIST_STATUSES } from "../schemas";
import type { InfluencerRow } from "../types";

export interface ListQuery {
  limit: number;
  after: { t: number; id: string } | null;
  status: string | null;
}

const encodeCursor = (row: InfluencerRow): string =>
  Buffer.from(JSON.stringify({ v: 1, t: row.createdAt, id: row.influencerId })).toString("base64url");

function decodeCursor(text: string): { t: number; id: string } | null {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    return c && c.v === 1 && Number.isSafeInteger(c.t) && typeof c.id === "string" ? { t: c.t, id: c.id } : null;
  } catch {
    return null;
  }
}

export function parseListQuery(query: unknown): ListQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const one = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== "string") {
      errors[name] = ["Give this parameter once."];
      return undefined;
    }
    return v;
  };
  const out: ListQuery = { limit: 25, after: null, status: null };
  const limit = one("limit");
  if (limit !== undefined) {
    if (/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100) out.limit = Number(limit);
    else errors.limit = ["Must be an integer from 1 to 100."];
  }
  const cursor = one("cursor");
  if (cursor !== undefined) {
    out.after = decodeCursor(cursor);
    if (!out.after) errors.cursor = ["Not a cursor returned by this endpoint."];
  }
  const status = one("status");
  if (status !== undefined) {
    if ((LIST_STATUSES as readonly string[]).includes(status)) out.status = status;
    else errors.status = [`Must be one of ${LIST_STATUSES.join(", ")}.`];
  }
  if (Object.keys(errors).length) throw validation(errors, "Invalid query.");
  return out;
}

/** One page of `rows` (already newest first). */
export function pageOf(rows: InfluencerRow[], q: ListQuery): { items: InfluencerRow[]; nextCursor: string | null } {
  const after = q.after;
  const items: InfluencerRow[] = [];
  let more = false;
  for (const row of rows) {
    if (after && (row.createdAt > after.t || (row.createdAt === after.t && row.influencerId >= after.id))) continue;
    if (q.status && row.status !== q.status) continue;
    if (items.length === q.limit) {
      more = true;
      break;
    }
    items.push(row);
  }
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]) : null };
}
