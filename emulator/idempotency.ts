// Idempotency-Key records, scoped per org + method + path. A record is reserved when the
// first request starts (a second one meanwhile gets 409), completed with the exact bytes
// of a successful response (replayed for 24 h), or released when the first request fails.
import { createHash } from "node:crypto";
import type { IdempotencyRecord } from "./types";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted at every level, so key order never changes the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A missing body and `{}` mean the same request. */
export const bodyHash = (body: unknown): string =>
  createHash("sha256").update(canonicalJson(body === undefined ? {} : body)).digest("hex");

export class IdempotencyCache {
  private records = new Map<string, IdempotencyRecord>();

  private id = (scope: string, key: string) => `${scope}\n${key}`;

  /** The live record for this key, or undefined when none or expired. */
  get(scope: string, key: string, now: number): IdempotencyRecord | undefined {
    const rec = this.records.get(this.id(scope, key));
    if (rec && now - rec.createdAt >= IDEMPOTENCY_TTL_MS) {
      this.records.delete(this.id(scope, key));
      return undefined;
    }
    return rec;
  }

  reserve(scope: string, key: string, hash: string, now: number): IdempotencyRecord {
    const rec: IdempotencyRecord = { scope, key, bodyHash: hash, state: "in_flight", status: 0, contentType: "", body: "", createdAt: now };
    this.records.set(this.id(scope, key), rec);
    return rec;
  }

  complete(rec: IdempotencyRecord, status: number, contentType: string, body: string): void {
    Object.assign(rec, { state: "done", status, contentType, body });
  }

  release(rec: IdempotencyRecord): void {
    if (this.records.get(this.id(rec.scope, rec.key)) === rec) this.records.delete(this.id(rec.scope, rec.key));
  }

  /** Completed, unexpired records (in-flight ones die with the process, like the request). */
  snapshot(now: number): IdempotencyRecord[] {
    return [...this.records.values()].filter((r) => r.state === "done" && now - r.createdAt < IDEMPOTENCY_TTL_MS);
  }

  load(records: IdempotencyRecord[]): void {
    this.records = new Map(records.map((r) => [this.id(r.scope, r.key), r]));
  }

  clear(): void {
    this.records.clear();
  }
}
