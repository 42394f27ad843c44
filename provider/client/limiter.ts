// One request-rate budget per API origin, shared by every LayersClient in the process. The API
// limits requests per key (10 req/s by default); a provider host runs many resource operations
// at once, each with its own client, so only a process-wide limiter can keep the sum under the
// limit. The rate adapts (AIMD): halve on a 429 that our own pace caused, pause every caller
// for the server's Retry-After, grow back slowly while requests succeed. A concurrency cap
// bounds sockets.

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** How long a rate ceiling learnt from a 429 is remembered once no further 429 arrives. */
const CEILING_MEMORY_MS = 30_000;

export interface LimiterOptions {
  /** Starting rate, requests per second. Deliberately below common limits: growth is cheap, 429s are not. */
  initialRate?: number;
  minRate?: number;
  maxRate?: number;
  /** In-flight requests at most. */
  maxConcurrent?: number;
  /** Bucket capacity in seconds of the current rate (at least 1 token): how bursty we may be. */
  burstSeconds?: number;
  /** Pause after a 429 without Retry-After. */
  defaultPauseMs?: number;
  /** Additive increase, req/s gained per second of saturated successful traffic, below the last 429 ceiling. */
  increasePerSecond?: number;
  clock?: Clock;
}

/** One granted request slot. Call exactly one of the three methods when the attempt ends. */
export interface Permit {
  /** A response that was not a 429 (any status), so the rate may grow. */
  succeeded(): void;
  /** A 429: slow down and pause everyone. */
  rateLimited(retryAfterMs?: number): void;
  /** No response (connection error): frees the slot, rate unchanged. */
  failed(): void;
}

export interface LimiterSnapshot {
  rate: number;
  ceiling: number;
  inFlight: number;
  queued: number;
  pausedForMs: number;
  granted: number;
  rateLimited: number;
  decreases: number;
}

export class AdaptiveLimiter {
  private readonly clock: Clock;
  private readonly minRate: number;
  private readonly maxRate: number;
  private readonly maxConcurrent: number;
  private readonly burstSeconds: number;
  private readonly defaultPauseMs: number;
  private readonly increasePerSecond: number;

  private rate: number;
  /** Rate at which the last 429 happened; growth slows near it. */
  private ceiling = Infinity;
  private tokens = 1;
  private refilledAt: number;
  private pausedUntil = 0;
  private lastDecreaseAt = -Infinity;
  private inFlight = 0;
  private readonly queue: Array<(grantedAt: number, contended: boolean) => void> = [];
  private pumping = false;
  private slotFreed: (() => void) | undefined;
  private counters = { granted: 0, rateLimited: 0, decreases: 0 };

  constructor(opts: LimiterOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.minRate = opts.minRate ?? 0.5;
    this.maxRate = opts.maxRate ?? 500;
    this.rate = Math.min(this.maxRate, Math.max(this.minRate, opts.initialRate ?? 8));
    this.maxConcurrent = opts.maxConcurrent ?? 16;
    this.burstSeconds = opts.burstSeconds ?? 0.2;
    this.defaultPauseMs = opts.defaultPauseMs ?? 1000;
    this.increasePerSecond = opts.increasePerSecond ?? 1;
    this.refilledAt = this.clock.now();
  }

  /** Wait for a slot (FIFO), then send. */
  acquire(): Promise<Permit> {
    return new Promise<Permit>((resolve) => {
      this.queue.push((grantedAt, contended) => resolve(this.permit(grantedAt, contended)));
      void this.pump();
    });
  }

  snapshot(): LimiterSnapshot {
    return {
      rate: this.rate,
      ceiling: this.ceiling,
      inFlight: this.inFlight,
      queued: this.queue.length,
      pausedForMs: Math.max(0, this.pausedUntil - this.clock.now()),
      ...this.counters,
    };
  }

  private capacity(): number {
    return Math.max(1, this.rate * this.burstSeconds);
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
  }

  // A single pump grants queued callers in order; it is the only place that sleeps, so the
  // pacing logic is sequential and easy to drive with a fake clock.
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now();
        if (now < this.pausedUntil) {
          await this.clock.sleep(this.pausedUntil - now);
          continue;
        }
        if (this.inFlight >= this.maxConcurrent) {
          await new Promise<void>((resolve) => (this.slotFreed = resolve));
          continue;
        }
        this.refill(now);
        if (this.tokens < 1) {
          await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rate));
          continue;
        }
        this.tokens -= 1;
        this.inFlight += 1;
        this.counters.granted += 1;
        // Others still waiting means this grant was paced by our rate, not by demand.
        const contended = this.queue.length > 1;
        this.queue.shift()!(now, contended);
      }
    } finally {
      this.pumping = false;
    }
  }

  private permit(grantedAt: number, contended: boolean): Permit {
    let open = true;
    const release = () => {
      if (!open) return false;
      open = false;
      this.inFlight -= 1;
      const wake = this.slotFreed;
      this.slotFreed = undefined;
      wake?.();
      return true;
    };
    return {
      succeeded: () => {
        if (release()) this.onSuccess();
      },
      rateLimited: (retryAfterMs?: number) => {
        if (release()) this.onRateLimited(grantedAt, contended, retryAfterMs);
      },
      failed: () => void release(),
    };
  }

  private onSuccess(): void {
    // Grow only while there is demand beyond the current rate: an idle process must not
    // drift up to maxRate and then burst into a wall of 429s.
    if (this.queue.length === 0 || this.increasePerSecond <= 0) return;
    const now = this.clock.now();
    this.refill(now);
    // A ceiling learnt from a 429 is forgotten after a quiet while: a burst of injected or
    // transient 429s must not pin a long-lived host to a low rate for the rest of its run.
    if (this.ceiling !== Infinity && now - this.lastDecreaseAt > CEILING_MEMORY_MS) this.ceiling = Infinity;
    if (this.ceiling === Infinity) {
      // Slow start: with no 429 seen, +1 per success doubles the rate every busy second, so
      // an API that allows more is not held to the initial rate (a 200-persona stack took
      // 14x its floor with additive growth alone; see docs/performance.md).
      this.rate = Math.min(this.maxRate, this.rate + 1);
      return;
    }
    const nearCeiling = this.rate >= 0.85 * this.ceiling;
    const perSecond = nearCeiling ? this.increasePerSecond / 4 : this.increasePerSecond;
    // One success is 1/rate seconds of saturated traffic.
    this.rate = Math.min(this.maxRate, this.rate + perSecond / this.rate);
  }

  private onRateLimited(grantedAt: number, contended: boolean, retryAfterMs: number | undefined): void {
    this.counters.rateLimited += 1;
    const now = this.clock.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? this.defaultPauseMs));
    this.refill(now);
    this.tokens = 0;
    // Only a 429 on a request our rate held others back for says our rate is too high. One on
    // a request sent with nobody waiting (a quiet host's job poll) says the key is busy or the
    // server wants a pause: the pause is honoured above, but halving a rate we were not using
    // changes nothing now and leaves the next real work crawling (issue 9: three such 429s took
    // a host from 8 to 1 req/s, and 30 creates then took 2.4x their floor). If that key stays
    // busy, the callers queued by the pause are contended, and their 429s do cut the rate.
    // Requests sent before the last decrease were paced at the old rate; their 429s are
    // already accounted for. Halve once per "generation".
    if (contended && grantedAt > this.lastDecreaseAt) {
      this.ceiling = this.rate;
      this.rate = Math.max(this.minRate, this.rate / 2);
      this.lastDecreaseAt = now;
      this.counters.decreases += 1;
    }
  }
}

// The registry lives on globalThis under a versioned symbol so that two copies of this module
// in one process (e.g. two package versions loaded by the dynamic provider host for resources
// written by different releases) still share one budget per origin.
const REGISTRY = Symbol.for("pulumi-layers/client/limiters/v1");
type Registry = Map<string, AdaptiveLimiter>;

function registry(): Registry {
  const g = globalThis as unknown as { [REGISTRY]?: Registry };
  return (g[REGISTRY] ??= new Map());
}

function originKey(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}`;
  } catch {
    return baseUrl;
  }
}

/** The process-wide limiter for an API origin; `opts` apply only when it is first created. */
export function limiterFor(baseUrl: string, opts?: LimiterOptions): AdaptiveLimiter {
  const key = originKey(baseUrl);
  const reg = registry();
  let limiter = reg.get(key);
  if (!limiter) {
    limiter = new AdaptiveLimiter(opts);
    reg.set(key, limiter);
  }
  return limiter;
}

/** Forget the shared limiters (tests, or a host that switches endpoints). */
export function resetLimiters(): void {
  registry().clear();
}
