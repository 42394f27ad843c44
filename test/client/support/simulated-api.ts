// A virtual rate-limited API for limiter simulations: requests cost a token from a per-key
// bucket (or a fixed one-second window); without one the answer is 429 with Retry-After in
// whole seconds, as the contract describes. `stated()` is what the emulator's RateLimit
// headers would say after the last decision.
import type { StatedLimit } from "../../../provider/client";

export type RateRule = "token-bucket" | "fixed-window";

export class SimulatedRateLimitedApi {
  private tokens: number;
  private refilledAt = 0;
  private windowStart = 0;
  private windowCount = 0;
  accepted = 0;
  rejected = 0;

  constructor(
    private readonly rps: number,
    private readonly rule: RateRule,
  ) {
    this.tokens = rps;
  }

  /** The key's limit and what is left of it now, as RateLimit-Policy / RateLimit state them. */
  stated(): StatedLimit {
    const remaining = this.rule === "fixed-window" ? this.rps - this.windowCount : Math.floor(this.tokens);
    return { limit: this.rps, windowSeconds: 1, remaining: Math.max(0, remaining) };
  }

  /** Decide a request arriving at `now` (ms): undefined = accepted, else Retry-After in ms. */
  arrive(now: number): number | undefined {
    if (this.rule === "fixed-window") {
      const window = Math.floor(now / 1000) * 1000;
      if (window !== this.windowStart) {
        this.windowStart = window;
        this.windowCount = 0;
      }
      if (this.windowCount < this.rps) {
        this.windowCount += 1;
        this.accepted += 1;
        return undefined;
      }
      this.rejected += 1;
      return Math.max(1, Math.ceil((window + 1000 - now) / 1000)) * 1000;
    }
    this.tokens = Math.min(this.rps, this.tokens + ((now - this.refilledAt) * this.rps) / 1000);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.accepted += 1;
      return undefined;
    }
    this.rejected += 1;
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rps)) * 1000;
  }
}
