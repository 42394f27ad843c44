import * as assert from "assert";
import { APIConnectionError, JobFailedError, JobHistory, JobTimeoutError, LayersError, NotFoundError, nextPollDelayMs, waitForJob, WaitAbortedError, type Job, type JobSource } from "../../provider/client";
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

  describe("with the earliest time the job can finish (JobHistory)", () => {
    async function wait(clock: FakeClock, job: ReturnType<typeof emulatedJob>, earliestDoneAt: number, deadlineMs = 60_000) {
      let outcome: Job | Error | undefined;
      void waitForJob(job.source, "job_1", { deadlineMs, sleep: clock.sleep, now: clock.now, earliestDoneAt: () => earliestDoneAt }).then(
        (j) => (outcome = j),
        (e: Error) => (outcome = e),
      );
      await clock.run(() => outcome !== undefined);
      return outcome!;
    }

    it("a 2.5 s job expected at 2.5 s: no poll before then, 2 polls instead of 6, the same lag bound", async () => {
      const clock = new FakeClock();
      const job = emulatedJob(clock, 2500);
      const result = await wait(clock, job, clock.now() + 2490);
      assert.strictEqual((result as Job).status, "succeeded");
      const lag = clock.now() - job.doneAt;
      assert.ok(lag >= 0 && lag <= 250, `lag ${lag} ms`);
      assert.strictEqual(job.polls(), 2, "one just before the expected end, one after");

      const unknown = emulatedJob(clock, 2500);
      await wait(clock, unknown, 0);
      assert.ok(unknown.polls() >= 5, `without it the last second is polled: ${unknown.polls()} polls`);
    });

    it("a job faster than expected is seen when the expected time is up: one poll, late by the difference", async () => {
      const clock = new FakeClock();
      const job = emulatedJob(clock, 700);
      const result = await wait(clock, job, clock.now() + 2000);
      assert.strictEqual((result as Job).status, "succeeded");
      assert.strictEqual(job.polls(), 1);
      assert.strictEqual(clock.now() - job.doneAt, 1300);
    });

    it("a job slower than expected falls back to the schedule: the lag bound holds", async () => {
      const clock = new FakeClock();
      const job = emulatedJob(clock, 5000);
      await wait(clock, job, clock.now() + 2000);
      const lag = clock.now() - job.doneAt;
      assert.ok(lag >= 0 && lag <= 500, `lag ${lag} ms`);
      assert.ok(job.polls() <= 12, `${job.polls()} polls`);
    });

    it("an expected end after the deadline: the wait ends at the deadline with one poll", async () => {
      const clock = new FakeClock();
      const job = emulatedJob(clock, 60_000);
      const error = await wait(clock, job, clock.now() + 30_000, 5000);
      assert.ok(error instanceof JobTimeoutError, String(error));
      assert.strictEqual(clock.now(), 5000);
      assert.strictEqual(job.polls(), 1);
    });
  });
});

describe("client JobHistory", () => {
  const job = (kind: string, status: string, createdAt: string, completedAt: string | null): Job => ({
    jobId: "job_1", kind, status, influencerId: "inf_1", error: null, createdAt, updatedAt: createdAt, completedAt,
  });

  it("learns the fastest successful run of each kind on the server's clock, for the jobs it started", () => {
    const history = new JobHistory();
    history.started("job_a", "influencer_create", 1_000);
    assert.strictEqual(history.earliestDoneAt("job_a"), undefined, "nothing seen finish yet");
    history.finished("job_a", job("influencer_create", "succeeded", "2026-12-07T10:00:00.000Z", "2026-12-07T10:00:02.500Z"));
    assert.strictEqual(history.earliestDoneAt("job_a"), undefined, "a finished wait is forgotten");

    history.started("job_b", "influencer_create", 50_000);
    assert.strictEqual(history.earliestDoneAt("job_b"), 52_500);
    history.finished("job_b", job("influencer_create", "succeeded", "2026-12-07T10:01:00.000Z", "2026-12-07T10:01:01.800Z"));
    history.started("job_c", "influencer_create", 90_000);
    assert.strictEqual(history.earliestDoneAt("job_c"), 91_800, "the faster run is the new bound");

    history.finished("job_c", job("influencer_create", "failed", "2026-12-07T10:02:00.000Z", "2026-12-07T10:02:00.100Z"));
    history.finished("job_x", job("influencer_create", "succeeded", "2026-12-07T10:03:00.000Z", "garbage"));
    history.started("job_d", "influencer_create", 0);
    assert.strictEqual(history.earliestDoneAt("job_d"), 1_800, "a failed run or an unreadable time teaches nothing");

    history.started("job_e", "influencer_clone", 0);
    assert.strictEqual(history.earliestDoneAt("job_e"), undefined, "each kind has its own");
    assert.strictEqual(history.earliestDoneAt("job_never_started"), undefined, "a replayed job was not started here");
  });
});

