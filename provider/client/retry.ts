// When to retry a failed request and how long to wait first. Pure functions plus a small
// budget tracker, so every rule is unit-testable with an injected random source.
//
// Why not axios-retry: it decides per axios error and knows nothing of Idempotency-Key, of a
// 409 that means "your first attempt is still in flight", or of a total time budget that must
// exclude time spent queued in the shared rate limiter. Owning ~100 lines is simpler than
// bending its hooks to those rules.

export interface RetryPolicy {
  /** Retries after the first attempt for faults (5xx, resets, timeouts, 409 in flight). */
  maxRetries: number;
  /**
   * Retries after a 429, counted apart: the server processed nothing and said when to come
   * back, so a rate-limit storm is bounded by the time budget rather than by maxRetries.
   */
  maxRateLimitedRetries: number;
  /** Total time the attempts and the waits between them may take; no retry starts past it. */
  budgetMs: number;
  /** First backoff ceiling; doubles per retry. */
  baseDelayMs: number;
  /** Ceiling of the exponential part. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  maxRateLimitedRetries: 20,
  budgetMs: 60_000,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/** What we know about the request: enough to tell whether repeating it is safe. */
export interface RequestTraits {
  method: string;
  /** A POST carrying one is replayed by the server, not executed twice. */
  idempotencyKey?: string;
  /** The operation is naturally idempotent even though its method is not (e.g. binding a set). */
  safeToRepeat?: boolean;
  /**
   * A 409 is the endpoint's answer (e.g. "this id exists"), for the caller to act on, not a
   * sign that the first attempt with this key is still in flight: do not wait it out.
   */
  conflictIsAnswer?: boolean;
}

/** How an attempt failed: an HTTP status, or a socket-level error code without a response. */
export type Failure = { status: number } | { connectionCode: string };

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"]);
// PATCH is listed because this API's PATCH sets absolute values: sending it twice yields the
// same record. It would not belong here for an API with relative (increment/append) patches.

/** Statuses that say "a transient server-side fault"; safe to repeat only if the request is. */
const TRANSIENT_STATUSES = new Set([408, 500, 502, 503, 504]);

/** Socket errors that happen before the request could have reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Socket errors after which the server may or may not have applied the request. */
const AMBIGUOUS_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ESOCKETTIMEDOUT", "ERR_SOCKET_CONNECTION_TIMEOUT", "ERR_STREAM_PREMATURE_CLOSE", "EPROTO"]);

export function canRepeat(req: RequestTraits): boolean {
  return IDEMPOTENT_METHODS.has(req.method.toUpperCase()) || !!req.idempotencyKey || !!req.safeToRepeat;
}

/**
 * The retryability table:
 * - 429 and "connection refused"-class errors: the request was not processed, retry any method;
 * - 5xx/408 and reset/timeout-class errors: retry only requests that are safe to repeat
 *   (idempotent method, or a POST with its Idempotency-Key);
 * - 409 on a POST with an Idempotency-Key: the first request with that key is still in
 *   flight; retry until it settles and the server replays it;
 * - any other 4xx: never (the request itself is wrong, repeating it cannot help).
 */
export function isRetryable(req: RequestTraits, failure: Failure): boolean {
  if ("connectionCode" in failure) {
    if (NOT_SENT_CODES.has(failure.connectionCode)) return true;
    if (AMBIGUOUS_CODES.has(failure.connectionCode) || failure.connectionCode === "UNKNOWN") return canRepeat(req);
    return false;
  }
  const { status } = failure;
  if (status === 429) return true;
  if (status === 409) return req.method.toUpperCase() === "POST" && !!req.idempotencyKey && !req.conflictIsAnswer;
  if (TRANSIENT_STATUSES.has(status)) return canRepeat(req);
  return false;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base * 2^retryIndex)). */
export function backoffMs(retryIndex: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryIndex));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retry number `retryIndex` (0 = first retry). A server Retry-After is a floor:
 * we wait at least that long, plus a little jitter so that callers paused together do not
 * all return in the same millisecond.
 */
export function retryDelayMs(
  retryIndex: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs + Math.floor(random() * policy.baseDelayMs);
  return backoffMs(retryIndex, policy, random);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(parseFloat(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Tracks one logical request's retries: count and time. Time is what the attempts took plus
 * the backoff waits; time spent queued in the rate limiter is not charged (the caller only
 * reports attempt durations), so a busy process does not exhaust budgets while waiting its turn.
 */
export class RetryBudget {
  private retries = 0;
  private rateLimitedRetries = 0;
  private spentMs = 0;

  constructor(private readonly policy: RetryPolicy) {}

  /** All retries so far (the backoff exponent). */
  get retriesUsed(): number {
    return this.retries + this.rateLimitedRetries;
  }

  get elapsedMs(): number {
    return this.spentMs;
  }

  recordAttempt(durationMs: number): void {
    this.spentMs += Math.max(0, durationMs);
  }

  /** Whether a retry after waiting `delayMs` is allowed; if so, charges it. */
  tryRetry(delayMs: number, rateLimited = false): boolean {
    if (this.spentMs + delayMs > this.policy.budgetMs) return false;
    if (rateLimited) {
      if (this.rateLimitedRetries >= this.policy.maxRateLimitedRetries) return false;
      this.rateLimitedRetries += 1;
    } else {
      if (this.retries >= this.policy.maxRetries) return false;
      this.retries += 1;
    }
    this.spentMs += delayMs;
    return true;
  }
}
