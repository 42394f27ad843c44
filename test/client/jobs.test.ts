import * as assert from "assert";
import { APIConnectionError, JobFailedError, JobTimeoutError, LayersError, NotFoundError, nextPollDelayMs, waitForJob, WaitAbortedError, type Job, type JobSource } from "../../provider/client";
import { FakeClock } from "./support/fake-clock";

/** A job that runs `durationMs` on the fake clock and hints like the emulator: floor(remaining s) when >= 1. */
function emulatedJob(clock: FakeClock, durationMs: number, opts: { hints?: boolean; outcome?: "succeeded" | "failed"; errors?: number } = {}) {
  const startedAt = clock.now();
  let polls = 0;
  let errorsLeft = opts.errors ?? 0;
  const source: JobSource = {
    async getJob(jobId) {
      polls++;
      if (errorsLeft > 0) {
        errorsLeft--;
        throw new APIConnectionError({ method: "GET", path: `/v1/jobs/${jobId}`, code: "ECONNREFUSED", message: "down" });
      }
      const remaining = startedAt + durationMs - clock.now();
      const done = remaining <= 0;
      const job: Job = {
        jobId,
        kind: "influencer_create",
        status: done ? (opts.outcome ?? "succeeded") : "running",
        influencerId: "inf_1",
        error: done && opts.outcome === "failed" ? { code: "GENERATION_FAILED", message: "renderer crashed" } : null,
        createdAt: "t",
        updatedAt: "t",
        completedAt: done ? "t" : null,
      };
      const hint = !done && opts.hints !== false && remaining >= 1000 ? Math.floor(remaining / 1000) * 1000 : undefined;
      return hint === undefined ? job : { ...job, retryAfterMs: hint };
    },
  };
  return { source, polls: () => polls, doneAt: startedAt + durationMs };
}

describe("client waitForJob", () => {
  it("poll delay: starts at 100 ms, grows x1.5, caps at 1.5 s, and stays within 10% of the time waited", () => {
    assert.strictEqual(nextPollDelayMs(1, 0, undefined), 100);
    assert.strictEqual(nextPollDelayMs(2, 0, undefined), 150);
    assert.strictEqual(nextPollDelayMs(3, 100_000, undefined), 225);
    assert.strictEqual(nextPollDelayMs(20, 100_000, undefined), 1500);
    assert.strictEqual(nextPollDelayMs(20, 3000, undefined), 300, "10% of 3 s");
    assert.strictEqual(nextPollDelayMs(20, 500, undefined), 150, "never below 150 ms");
    assert.strictEqual(nextPollDelayMs(1, 0, 4000), 4000, "the server's hint is used as given");
  });

  for (const [durationMs, hints, maxPolls] of [
    [10_000, true, 12],
    [1_000, true, 12],
    [300, true, 6],
    [60_000, true, 12],
    [10_000, false, 40],
  ] as Array<[number, boolean, number]>) {
    it(`a ${durationMs / 1000} s job ${hints ? "with" : "without"} hints: lag <= max(150 ms, 10%), at most ${maxPolls} polls`, async () => {
      const clock = new FakeClock();
      const job = emulatedJob(clock, durationMs, { hints });
      let result: Job | undefined;
      void waitForJob(job.source, "job_1", { deadlineMs: 600_000, sleep: clock.sleep, now: clock.now }).then((j) => (result = j));
      await clock.run(() => result !== undefined);
      assert.strictEqual(result!.status, "succeeded");
      const lag = clock.now() - job.doneAt;
      assert.ok(lag >= 0 && lag <= Math.max(150, durationMs / 10), `lag ${lag} ms`);
      assert.ok(job.polls() <= maxPolls, `${job.polls()} polls`);
    });
  }

  it("throws JobFailedError with the job's error, job id and influencer id", async () => {
    const clock = new FakeClock();
    const job = emulatedJob(clock, 2000, { outcome: "failed" });
    let error: unknown;
    void waitForJob(job.source, "job_9", { deadlineMs: 60_000, sleep: clock.sleep, now: clock.now }).catch((e) => (error = e));
    await clock.run(() => error !== undefined);
    assert.ok(error instanceof JobFailedError && error instanceof LayersError);
    assert.strictEqual(error.jobId, "job_9");
    assert.strictEqual(error.influencerId, "inf_1");
    assert.strictEqual(error.code, "GENERATION_FAILED");
    assert.match(error.message, /renderer crashed/);
  });

  it("throws JobTimeoutError at the deadline, after one last poll", async () => {
    const clock = new FakeClock();
    const job = emulatedJob(clock, 60_000);
    let error: unknown;
    void waitForJob(job.source, "job_1", { deadlineMs: 5000, sleep: clock.sleep, now: clock.now }).catch((e) => (error = e));
    await clock.run(() => error !== undefined);
    assert.ok(error instanceof JobTimeoutError);
    assert.strictEqual(error.waitedMs, 5000);
    assert.strictEqual(error.lastStatus, "running");
    assert.strictEqual(error.influencerId, "inf_1");
    assert.strictEqual(clock.now(), 5000);
  });

  it("keeps polling through transient outages (already retried by the transport) until the deadline", async () => {
    const clock = new FakeClock();
    const job = emulatedJob(clock, 3000, { errors: 3 });
    let result: Job | undefined;
    void waitForJob(job.source, "job_1", { deadlineMs: 60_000, sleep: clock.sleep, now: clock.now }).then((j) => (result = j));
    await clock.run(() => result !== undefined);
    assert.strictEqual(result!.status, "succeeded");
  });

  it("does not wait out a 404", async () => {
    const source: JobSource = {
      getJob: async () => {
        throw new NotFoundError({ method: "GET", path: "/v1/jobs/job_x", status: 404, code: "NOT_FOUND", message: "Not found." });
      },
    };
    await assert.rejects(waitForJob(source, "job_x", { deadlineMs: 60_000, sleep: async () => {} }), NotFoundError);
  });

  it("stops when the signal aborts", async () => {
    const clock = new FakeClock();
    const job = emulatedJob(clock, 60_000);
    const controller = new AbortController();
    let error: unknown;
    void waitForJob(job.source, "job_1", { deadlineMs: 600_000, sleep: clock.sleep, now: clock.now, signal: controller.signal }).catch((e) => (error = e));
    await clock.advance(100);
    controller.abort();
    await clock.advance(0);
    assert.ok(error instanceof WaitAbortedError);
  });
});
