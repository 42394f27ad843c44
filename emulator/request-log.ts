// Every /v1 request in arrival order, for tests that assert what a client really sent. Holds
// method, path, status and Idempotency-Key only: never headers, bodies or keys.

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string | null;
  /** Status sent; 0 when the connection was reset by a fault; null while still in flight. */
  status: number | null;
  idempotencyKey: string | null;
  requestId: string;
  at: string;
}

/** Oldest entries are dropped beyond this many, so a benchmark cannot exhaust memory. */
export const REQUEST_LOG_CAP = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_CAP * 1.1) this.entries.splice(0, this.entries.length - REQUEST_LOG_CAP);
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-REQUEST_LOG_CAP);
  }

  clear(): void {
    this.entries = [];
  }
}
