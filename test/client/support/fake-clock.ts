// A discrete-event clock: sleep() registers a timer, run() jumps virtual time from timer to
// timer, letting every promise chain settle in between. Lets limiter and polling logic be
// tested over minutes of simulated time in milliseconds of real time.
import type { Clock } from "../../../provider/client";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
    });
  };

  /** Advance through timers until `done()` holds or nothing is scheduled; returns the virtual time. */
  async run(done: () => boolean = () => false, maxSteps = 1_000_000): Promise<number> {
    for (let step = 0; step < maxSteps; step++) {
      await settle();
      if (done() || this.timers.length === 0) return this.t;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    throw new Error("FakeClock.run: too many steps");
  }

  /** Advance exactly `ms`, firing the timers due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    this.t = until;
    await settle();
  }
}
