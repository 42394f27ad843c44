// The key's limit as a response states it, in the IETF RateLimit header fields
// (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy: "default";q=10;w=1` (10 requests
// per 1-second window) and `RateLimit: "default";r=3;t=1` (3 left, full again in 1 s). The API
// may send them and does not promise to (the contract), so everything here is optional: an
// absent, partial or malformed field yields nothing and the limiter keeps learning from 429s.
//
// Both fields are Structured Field lists; only what we need is read: each member's name and
// its numeric parameters. The draft-07 policy form (`10;w=1`, the quota as the item) is read too.
import type { StatedLimit } from "./limiter";

interface Member {
  name: string;
  params: Map<string, number>;
}

/** Splits a list on commas outside quoted strings. */
function members(field: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c === "\\" && quoted) {
      current += c + (field[++i] ?? "");
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      out.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  out.push(current);
  return out.map((m) => m.trim()).filter(Boolean);
}

function parseMember(text: string): Member | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|[A-Za-z*][\w:/.%*!#$&'+^`|~-]*|\d+(?:\.\d+)?)((?:\s*;\s*[a-z*][a-z0-9_.*-]*(?:=[^;]*)?)*)$/.exec(text);
  if (!m) return undefined;
  const params = new Map<string, number>();
  for (const p of m[2].split(";").slice(1)) {
    const [key, value = ""] = p.split("=").map((s) => s.trim());
    const n = Number(value);
    if (value !== "" && /^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(n)) params.set(key, n);
  }
  const name = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/\\(.)/g, "$1") : m[1];
  return { name, params };
}

function parseList(field: string | undefined): Member[] {
  if (!field || field.length > 4096) return [];
  return members(field).flatMap((text) => parseMember(text) ?? []);
}

/**
 * The policy that paces requests: of those stated, the one with the shortest window (a
 * per-second limit, not a daily quota), with the matching RateLimit member's `remaining`.
 * Undefined when the response states no usable policy.
 */
export function statedLimit(header: (name: string) => string | undefined): StatedLimit | undefined {
  let best: { name: string; limit: number; windowSeconds: number } | undefined;
  for (const { name, params } of parseList(header("ratelimit-policy"))) {
    const quota = params.get("q") ?? (/^\d+(\.\d+)?$/.test(name) ? Number(name) : undefined);
    const windowSeconds = params.get("w");
    if (quota === undefined || !(quota > 0) || windowSeconds === undefined || !(windowSeconds > 0)) continue;
    if (!best || windowSeconds < best.windowSeconds) best = { name, limit: quota, windowSeconds };
  }
  if (!best) return undefined;
  const current = parseList(header("ratelimit")).find((m) => m.name === best.name);
  const remaining = current?.params.get("r");
  return { limit: best.limit, windowSeconds: best.windowSeconds, ...(remaining !== undefined && remaining >= 0 ? { remaining } : {}) };
}
