// One request-rate budget per API origin, shared by every LayersClient in the process. The API
// limits requests per key, differently per key, and does not have to say how much; a provider
// host runs many resource operations at once, each with its own client, so only a
// process-wide limiter can keep the sum under the limit.
//
// Until the API says anything about the key's limit, nothing is paced (as in the AWS SDKs'
// adaptive retry mode): a fresh host, which every `pulumi` command starts, pays no ramp. Only
// the cap on requests in flight applies, and it starts small (2, one more per 32 successes):
// every request in flight when the key's limit is first met is refused, so the cap is what
// that first contact costs. The caps are counts for a nearby API; over a longer round trip
// they grow with it, so that the send rate they allow does not shrink (see roundTripScale).
// The API says it in one of three ways:
// - RateLimit-Policy states the limit: that is the pace, at once, and growth stops there;
// - RateLimit says nothing is left, on a request our pace held others back for: another
//   process shares the key; halve the pace, as for a 429 but before one;
// - a 429 our pace caused (see onRateLimited): the first one sets the pace just under the rate
//   the key was seen to accept (estimateRate); later ones halve it (AIMD), and successes grow
//   it back while callers wait.
// Every 429 pauses every caller for the server's Retry-After.

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** What a response's RateLimit-Policy / RateLimit headers state (ratelimit-headers.ts reads them). */
export interface StatedLimit {
  /** Requests the key may make per window. */
  limit: number;
  windowSeconds: number;
  /** Requests left in the current window, when the RateLimit field says. */
  remaining?: number;
}

/** A stated policy with a longer window is a quota, not a pace (see onStated). */
const MAX_PACED_WINDOW_SECONDS = 60;
/** How long a rate ceiling learnt from a 429 is remembered once no further 429 arrives. */
const CEILING_MEMORY_MS = 30_000;
/**
 * The burst a key's bucket is assumed to hold, in seconds of its rate (the emulator's holds
 * one second, as common gateways do). It turns "accepted N in d seconds from a full bucket"
 * into a rate. A larger real bucket makes the estimate high, and the next 429 halves it.
 */
const ASSUMED_BURST_SECONDS = 1;
/** The pace after the first 429, as a share of the rate the key was seen to accept. */
const FIRST_PACE = 0.9;
/**
 * While the limit is unknown, a 429 after this many successes in the second before it is our
 * own volume meeting the limit even when nobody queued behind the refused request: demand that
 * arrives just in time (the engine issuing one delete per state write) exhausts a key without
 * ever waiting in our queue. A quiet host's polls, one every second or so, stay well below.
 */
const OWN_VOLUME = 4;
/** While the limit is unknown, one more request may be in flight per this many successes. */
const SUCCESSES_PER_EXTRA_SLOT = 32;
/**
 * The round trip the in-flight caps (2, one more per 32 successes, maxConcurrent) are counts
 * for: the one the limiter simulations were run with (test/client/support/limiter-sim.ts),
 * where those caps keep each key's 429s under the bars of issue 19.
 */
const CAP_ROUND_TRIP_MS = 30;
/** The caps grow at most this many times (a 240 ms round trip), whatever the round trip. */
const MAX_ROUND_TRIP_SCALE = 8;
/** Successes remembered for the estimate, at most (a full-speed second of a big stack). */
const ESTIMATE_LOG = 4096;

export interface LimiterOptions {
  /** Pace from the start, requests per second. Default: none, full speed until the API says otherwise. */
  initialRate?: number;
  minRate?: number;
  /** The pace never grows past this. */
  maxRate?: number;
  /**
   * In-flight requests at most, whatever the round trip. Default: 16 for a 30 ms round trip,
   * growing with a longer one (see roundTripScale).
   */
  maxConcurrent?: number;
  /**
   * In-flight requests at most while the key's limit is unknown (default 2); one more per 32
   * successes, up to maxConcurrent. Every request in flight when a key's limit is first met is
   * refused, so this bounds that cost to a few 429s, or to 1/32 of the requests the key had
   * accepted by then. A count for a 30 ms round trip, growing with a longer one.
   */
  initialConcurrency?: number;
  /** Bucket capacity in seconds of the current rate (at least 1 token): how bursty we may be. */
  burstSeconds?: number;
  /** Pause after a 429 without Retry-After. */
  defaultPauseMs?: number;
  /**
   * Additive increase, req/s gained per second of saturated successful traffic (a tenth of it
   * within 15 % of the last 429 ceiling). Default a tenth of the ceiling, at least 1.
   */
  increasePerSecond?: number;
  clock?: Clock;
}

/** One granted request slot. Call exactly one of the three methods when the attempt ends. */
export interface Permit {
  /**
   * A response that was not a 429 (any status), so the rate may grow; `stated`: its RateLimit
   * headers. `measuresDistance`: its time from grant to answer is the API's round trip, with
   * no server work to speak of and no new connection's handshakes (a read on a reused
   * socket); default true.
   */
  succeeded(stated?: StatedLimit, measuresDistance?: boolean): void;
  /** A 429: slow down and pause everyone. */
  rateLimited(retryAfterMs?: number, stated?: StatedLimit): void;
  /** No response (connection error): frees the slot, rate unchanged. */
  failed(): void;
}

export interface LimiterSnapshot {
  /** Requests per second; Infinity while the key's limit is unknown (no pacing). */
  rate: number;
  ceiling: number;
  /** The limit the API stated (RateLimit-Policy), req/s. */
  stated: number | undefined;
  /** How many may be in flight now. */
  concurrency: number;
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
  /** An explicit maxConcurrent, which no round trip raises. */
  private readonly concurrencyLimit: number;
  private readonly burstSeconds: number;
  private readonly defaultPauseMs: number;
  private readonly increasePerSecond: number | undefined;

  /** Infinity until the API has said something about the key's limit. */
  private rate: number;
  /** Rate at which the last 429 happened (or the first pace's estimate); growth slows near it. */
  private ceiling = Infinity;
  private stated: number | undefined;
  private tokens = 1;
  private refilledAt: number;
  private pausedUntil = 0;
  private lastDecreaseAt = -Infinity;
  private inFlight = 0;
  /** When each request that succeeded while the limit was unknown was granted (for estimateRate). */
  private successGrants: number[] = [];
  private successesWhileUnknown = 0;
  /** In flight at most while the limit is unknown, before successes add to it. */
  private probeConcurrency: number;
  /**
   * The fastest round trip of a request that measures distance: the API's distance. The
   * fastest, because our own event loop and the server's queue only ever add to a sample.
   */
  private fastestRoundTripMs = Infinity;
  private readonly queue: Array<(grantedAt: number, contended: boolean) => void> = [];
  private pumping = false;
  private slotFreed: (() => void) | undefined;
  private counters = { granted: 0, rateLimited: 0, decreases: 0 };

  constructor(opts: LimiterOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.minRate = opts.minRate ?? 0.5;
    this.maxRate = opts.maxRate ?? 500;
    this.rate = opts.initialRate === undefined ? Infinity : this.clamp(opts.initialRate);
    this.maxConcurrent = opts.maxConcurrent ?? 16;
    this.concurrencyLimit = opts.maxConcurrent ?? Infinity;
    this.probeConcurrency = Math.max(1, Math.min(this.maxConcurrent, opts.initialConcurrency ?? 2));
    this.burstSeconds = opts.burstSeconds ?? 0.2;
    this.defaultPauseMs = opts.defaultPauseMs ?? 1000;
    this.increasePerSecond = opts.increasePerSecond;
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
      stated: this.stated,
      concurrency: this.concurrency(),
      inFlight: this.inFlight,
      queued: this.queue.length,
      pausedForMs: Math.max(0, this.pausedUntil - this.clock.now()),
      ...this.counters,
    };
  }

  private get paced(): boolean {
    return this.rate !== Infinity;
  }

  /** A stated limit below minRate is still honoured. */
  private clamp(rate: number): number {
    return Math.min(this.maxRate, Math.max(Math.min(this.minRate, this.stated ?? Infinity), rate));
  }

  private concurrency(): number {
    const slots = this.paced
      ? this.maxConcurrent
      : Math.min(this.maxConcurrent, this.probeConcurrency + Math.floor(this.successesWhileUnknown / SUCCESSES_PER_EXTRA_SLOT));
    return Math.min(this.concurrencyLimit, Math.floor(slots * this.roundTripScale()));
  }

  /**
   * How many times the caps grow for the API's round trip. A cap of n in flight sends n per
   * round trip: 2 at 30 ms is 67 req/s, at 100 ms only 20, and a refresh of 200 against a
   * distant API with no limit took 5.5 s instead of 0.2 s (docs/performance.md, finding 6).
   * Scaled, the caps allow the same send rates at any distance. What a first contact with
   * the key's limit costs grows with it (the requests in flight then are refused), as it
   * must for the same rate: the price of not crawling towards a limit that may not exist.
   */
  private roundTripScale(): number {
    if (this.fastestRoundTripMs === Infinity) return 1;
    return Math.min(MAX_ROUND_TRIP_SCALE, Math.max(1, this.fastestRoundTripMs / CAP_ROUND_TRIP_MS));
  }

  private capacity(): number {
    return Math.max(1, this.rate * this.burstSeconds);
  }

  private refill(now: number): void {
    if (this.paced) this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
  }

  /** From here on, pace at `rate` (the bucket starts empty: a 429 or a pause usually comes with it). */
  private startPacing(rate: number, now: number): void {
    this.rate = this.clamp(rate);
    this.ceiling = this.rate;
    this.tokens = 0;
    this.refilledAt = now;
    this.successGrants = [];
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
        if (this.inFlight >= this.concurrency()) {
          await new Promise<void>((resolve) => (this.slotFreed = resolve));
          continue;
        }
        if (this.paced) {
          this.refill(now);
          if (this.tokens < 1) {
            await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rate));
            continue;
          }
          this.tokens -= 1;
        }
        this.inFlight += 1;
        this.counters.granted += 1;
        // Others still waiting means this grant was held back by our pace (or by the cap on
        // requests in flight), not by demand.
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
      succeeded: (stated, measuresDistance = true) => {
        if (!release()) return;
        // The grant comes right before the send, so a sample can only be too long, never short.
        if (measuresDistance) this.fastestRoundTripMs = Math.min(this.fastestRoundTripMs, this.clock.now() - grantedAt);
        if (stated) this.onStated(stated, grantedAt, contended);
        this.onSuccess(grantedAt);
      },
      rateLimited: (retryAfterMs, stated) => {
        if (!release()) return;
        if (stated) this.onStated(stated, grantedAt, contended);
        this.onRateLimited(grantedAt, contended, retryAfterMs);
      },
      failed: () => void release(),
    };
  }

  /** The API stated the key's limit: pace at it, and never grow past it. */
  private onStated(stated: StatedLimit, grantedAt: number, contended: boolean): void {
    // Over a longer window the policy is a quota, not a pace: 1,000 a day spread evenly would
    // hold 200 creates for hours that the key takes at once. Its 429s still teach the pace.
    if (!(stated.limit > 0) || !(stated.windowSeconds > 0) || stated.windowSeconds > MAX_PACED_WINDOW_SECONDS) return;
    const rate = stated.limit / stated.windowSeconds;
    const now = this.clock.now();
    this.stated = rate;
    if (!this.paced) this.startPacing(rate, now);
    else if (this.rate > rate) this.rate = this.clamp(rate);
    this.ceiling = Math.min(this.ceiling, rate);
    // Nothing left, on a request our pace held others back for: the next one would be
    // refused. Another process shares the key (alone we pace at its limit, and its bucket
    // stays full). Slow down as for a 429, without one and without its pause.
    if (stated.remaining === 0 && contended) this.decrease(grantedAt, now);
  }

  private onSuccess(grantedAt: number): void {
    if (!this.paced) {
      this.successesWhileUnknown += 1;
      this.successGrants.push(grantedAt);
      if (this.successGrants.length > ESTIMATE_LOG) this.successGrants.splice(0, this.successGrants.length - ESTIMATE_LOG);
      return;
    }
    // Grow only while there is demand beyond the current rate: an idle process must not
    // drift up to maxRate and then burst into a wall of 429s.
    if (this.queue.length === 0 || this.increasePerSecond === 0) return;
    const now = this.clock.now();
    this.refill(now);
    const cap = Math.min(this.maxRate, this.stated ?? Infinity);
    // A ceiling learnt from a 429 is forgotten after a quiet while: a burst of injected or
    // transient 429s must not pin a long-lived host to a low rate for the rest of its run.
    if (this.ceiling !== Infinity && now - this.lastDecreaseAt > CEILING_MEMORY_MS) this.ceiling = Infinity;
    if (this.ceiling === Infinity) {
      // With no ceiling, +1 per success doubles the rate every busy second.
      this.rate = Math.min(cap, this.rate + 1);
      return;
    }
    // Regain a tenth of the ceiling per second; within 15 % of it, either side, ten times more
    // slowly (a 429 is likely there, and each pauses every caller); well above it the key has
    // more room than we learnt (another process left it, or the estimate was low): grow again.
    const base = this.increasePerSecond ?? Math.max(1, this.ceiling / 10);
    const perSecond = Math.abs(this.rate - this.ceiling) <= 0.15 * this.ceiling ? base / 10 : base;
    // One success is 1/rate seconds of saturated traffic.
    this.rate = Math.min(cap, this.rate + perSecond / this.rate);
  }

  private onRateLimited(grantedAt: number, contended: boolean, retryAfterMs: number | undefined): void {
    this.counters.rateLimited += 1;
    const now = this.clock.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? this.defaultPauseMs));
    this.refill(now);
    this.tokens = 0;
    // Only a 429 on a request our pace held others back for says our pace is too high. One on
    // a request sent with nobody waiting (a quiet host's job poll) says the key is busy or the
    // server wants a pause: the pause is honoured above, but cutting a rate we were not using
    // changes nothing now and leaves the next real work crawling (issue 9: three such 429s took
    // a host from 8 to 1 req/s, and 30 creates then took 2.4x their floor). If that key stays
    // busy, the callers queued by the pause are contended, and their 429s do cut the rate.
    // Requests sent before the last decrease were paced at the old rate; their 429s are
    // already accounted for. Decrease once per "generation".
    if (contended || (!this.paced && this.volume(grantedAt) >= OWN_VOLUME)) this.decrease(grantedAt, now);
    // While the limit is unknown, such a 429 says the key is at its limit right now (another
    // process is using it): the first contact is near, and it costs what is in flight then.
    else if (!this.paced) {
      this.probeConcurrency = 1;
      this.successesWhileUnknown = 0;
    }
  }

  /** Requests granted in the second before `at` that succeeded (counted while the limit is unknown). */
  private volume(at: number): number {
    let n = 0;
    for (let i = this.successGrants.length - 1; i >= 0; i--) if (this.successGrants[i] <= at && this.successGrants[i] > at - 1000) n++;
    return n;
  }

  /** Our pace was too high: halve it, once per generation (requests granted since the last decrease). */
  private decrease(grantedAt: number, now: number): void {
    if (grantedAt <= this.lastDecreaseAt) return;
    if (!this.paced) {
      // Just under what the key was seen to accept: a key saturated at exactly its limit
      // refuses every request another process sends (a quiet host's poll, a second stack).
      const estimate = this.estimateRate(grantedAt);
      this.startPacing(FIRST_PACE * estimate, now);
      this.ceiling = Math.max(this.rate, estimate);
    } else {
      this.ceiling = this.rate;
      this.rate = this.clamp(this.rate / 2);
    }
    this.lastDecreaseAt = now;
    this.counters.decreases += 1;
  }

  /**
   * The key's rate as far as its answers show, at the first 429 our pace caused, `until` being
   * when that refused request was sent. A token bucket of rate r holding b seconds of it
   * accepts at most r·(b + d) requests in any d seconds, so for every earlier success,
   * (successes granted since it) / (b + seconds from it to `until`) is at most r; the largest
   * such ratio is the estimate. From a full bucket at full speed it is close: a 10 req/s key
   * that accepted 11 requests in the 0.15 s before refusing one is estimated at 9.6 req/s.
   * Another process on the key shows up as a smaller share.
   */
  private estimateRate(until: number): number {
    const grants = this.successGrants.filter((t) => t <= until).sort((a, b) => a - b);
    let best = 0;
    for (let i = 0; i < grants.length; i++) {
      const ratio = (grants.length - i) / (ASSUMED_BURST_SECONDS + (until - grants[i]) / 1000);
      if (ratio > best) best = ratio;
    }
    return best;
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
