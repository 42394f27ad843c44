// Per-key token buckets: capacity = rate (a one-second burst), refilled continuously.

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

  clear(): void {
    this.buckets.clear();
  }
}
