// Per-key token buckets: capacity = rate (a one-second burst), refilled continuously. With
// rateLimit headers on, every answer to a key states the bucket's policy and what it holds
// (IETF RateLimit-Policy / RateLimit fields, draft-ietf-httpapi-ratelimit-headers).

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  /** Takes one token for `key`; returns null when allowed, else whole seconds to wait (>= 1). */
  take(key: string, rate: number, now: number): number | null {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: rate, at: now }));
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate));
  }

  /**
   * The RateLimit-Policy and RateLimit field values for `key` at `now`, from the bucket as the
   * last take() left it: the quota per window, whole requests left, and whole seconds until
   * the bucket is full again (the quota "resets"). A rate that is not a whole number is stated
   * over a 10-second window (q=25;w=10 for 2.5 req/s), keeping q an integer as the draft wants.
   */
  headers(key: string, rate: number, now: number): { policy: string; current: string } {
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate) : rate;
    const windowSeconds = Number.isInteger(rate) ? 1 : 10;
    const quota = Math.max(1, Math.round(rate * windowSeconds));
    const remaining = Math.max(0, Math.floor(tokens));
    const fullIn = Math.max(0, Math.ceil((rate - tokens) / rate));
    return { policy: `"default";q=${quota};w=${windowSeconds}`, current: `"default";r=${remaining};t=${fullIn}` };
  }

  clear(): void {
    this.buckets.clear();
  }
}
