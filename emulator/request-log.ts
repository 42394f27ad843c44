// Every /v1 request in arrival order, for tests that assert what a client really sent. Holds
// method, path, status and Idempotency-Key only: never headers, bodies or keys.

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string | null;
  /** Status sent; 0 when the connection was reset by a fault; null while still in flight. */
  status: number | null;
  idempotencyKey: string | null;
  /** True when the answer was an Idempotency-Key replay of an earlier response. */
  replayed: boolean;
  requestId: string;
  /** Position in the log since the emulator started (1, 2, ...): a cursor for readers that poll. */
  seq: number;
  at: string;
}

/** Oldest entries are dropped beyond this many, so a benchmark cannot exhaust memory. */
export const REQUEST_LOG_CAP = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private lastSeq = 0;

  add(fields: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const entry: RequestLogEntry = { ...fields, seq: ++this.lastSeq };
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_CAP * 1.1) this.entries.splice(0, this.entries.length - REQUEST_LOG_CAP);
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-REQUEST_LOG_CAP);
  }

  /** Entries after `seq`, oldest first, at most `limit` (the newest ones when there are more). */
  since(seq: number, limit: number): RequestLogEntry[] {
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].seq > seq) i--;
    return this.entries.slice(Math.max(i, this.entries.length - limit));
  }

  /** The seq of the newest entry (0 when nothing was logged yet); survives clear(), so cursors stay valid. */
  get last(): number {
    return this.lastSeq;
  }

  clear(): void {
    this.entries = [];
  }
}
