// Fault rules installed through the control API: status (with Retry-After), delay, reset
// before (nothing applied), reset after (applied, no response), job-fail, job-stuck; rule
// matching by method and path pattern, `times`, and clearing.
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, control, createReady, expectError, start, waitFor, waitJob } from "./support";

describe("emulator: fault injection", () => {
  let emu: RunningEmulator;
  let a: ReturnType<typeof api>;
  let ctl: ReturnType<typeof control>;
  let create: string;
  before(async () => {
    emu = await start({ jobMs: 50 });
    a = api(emu);
    ctl = control(emu);
    create = `/v1/projects/${emu.projectId}/influencers`;
  });
  afterEach(() => ctl.clearFaults());
  after(() => emu.close());

  const influencerCount = async () => (await ctl.state()).influencers.length;
  const networkError = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail("expected the connection to be dropped"),
      (e: Error & { cause?: { code?: string } }) => e,
    );

  it("status: answers the injected status with the envelope and Retry-After, `times` times, then lets requests through", async () => {
    await ctl.fault({ method: "GET", path: "/v1/influencers/*", times: 2, action: { type: "status", status: 429, retryAfter: 3 } });
    const { influencerId } = await createReady(emu);
    for (let i = 0; i < 2; i++) {
      const r = await a.get(`/v1/influencers/${influencerId}`);
      expectError(r, 429, "RATE_LIMITED");
      assert.equal(r.headers.get("retry-after"), "3");
    }
    assert.equal((await a.get(`/v1/influencers/${influencerId}`)).status, 200);
    const log = (await ctl.requests()).filter((r) => r.path === `/v1/influencers/${influencerId}`).map((r) => r.status);
    assert.deepEqual(log, [429, 429, 200], "faulted requests are logged with the status sent");
  });

  it("status: a custom code; method and path must both match; `*` is exactly one segment", async () => {
    await ctl.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "status", status: 500, code: "BOOM" } });
    assert.equal((await a.get(create)).status, 200, "GET does not match a POST rule");
    assert.equal((await a.get(`/v1/projects/${emu.projectId}`)).status, 200, "* does not match zero segments");
    expectError(await a.post(create, {}), 500, "BOOM");
    assert.equal((await ctl.call("GET", "/faults")).body.faults.length, 0, "used up");
  });

  it("delay: the request is held (seen in flight in the request log), then served normally", async () => {
    await ctl.fault({ path: `/v1/projects/${emu.projectId}`, action: { type: "delay", ms: 300 } });
    let answered = false;
    const pending = a.get(`/v1/projects/${emu.projectId}`).then((r) => ((answered = true), r));
    const held = await waitFor(async () => (await ctl.requests()).find((r) => r.path === `/v1/projects/${emu.projectId}` && r.status === null));
    assert.equal(answered, false, "no answer while the delay runs");
    const r = await pending;
    assert.equal(r.status, 200);
    assert.equal(r.body.projectId, emu.projectId);
    assert.equal((await ctl.requests()).find((x) => x.requestId === held.requestId)?.status, 200);
  });

  it("reset before: the connection drops and nothing was applied", async () => {
    await ctl.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "reset", when: "before" } });
    const n = await influencerCount();
    await networkError(a.post(create, {}, { idempotencyKey: "reset-before" }));
    assert.equal(await influencerCount(), n);
    const log = (await ctl.requests()).filter((r) => r.idempotencyKey === "reset-before");
    assert.deepEqual(log.map((r) => r.status), [0]);
    const retry = await a.post(create, {}, { idempotencyKey: "reset-before" });
    assert.equal(retry.status, 202);
    assert.equal(retry.headers.get("idempotent-replayed"), null, "nothing was recorded for the reset request");
  });

  it("reset after: the request is fully applied, the response never arrives, and a retry with the same key replays", async () => {
    await ctl.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "reset", when: "after" } });
    const n = await influencerCount();
    await networkError(a.post(create, { prompt: "lost reply" }, { idempotencyKey: "reset-after" }));
    assert.equal(await influencerCount(), n + 1, "the influencer exists");
    const retry = await a.post(create, { prompt: "lost reply" }, { idempotencyKey: "reset-after" });
    assert.equal(retry.status, 202);
    assert.equal(retry.headers.get("idempotent-replayed"), "true");
    assert.equal(await influencerCount(), n + 1, "no duplicate");
    const log = (await ctl.requests()).filter((r) => r.idempotencyKey === "reset-after").map((r) => r.status);
    assert.deepEqual(log, [0, 202]);
  });

  it("reset after on a PATCH: the change is there although the client saw an error", async () => {
    const { influencerId } = await createReady(emu);
    await ctl.fault({ method: "PATCH", path: "/v1/influencers/*", action: { type: "reset", when: "after" } });
    await networkError(a.patch(`/v1/influencers/${influencerId}`, { name: "Applied Anyway" }));
    assert.equal((await a.get(`/v1/influencers/${influencerId}`)).body.name, "Applied Anyway");
  });

  it("job-fail: the next create's job fails with GENERATION_FAILED and the row is failed; the one after succeeds", async () => {
    await ctl.fault({ path: "/v1/projects/*/influencers", action: { type: "job-fail" } });
    // A GET on the same path does not use up the job rule.
    assert.equal((await a.get(create)).status, 200);
    const failed = await createReady(emu);
    assert.equal(failed.job.status, "failed");
    assert.equal(failed.job.error.code, "GENERATION_FAILED");
    assert.equal(typeof failed.job.error.message, "string");
    const row = (await a.get(`/v1/influencers/${failed.influencerId}`)).body;
    assert.equal(row.status, "failed");
    assert.equal(row.thumbnailUrl, null);
    assert.equal((await createReady(emu)).job.status, "succeeded");
  });

  it("job-fail applies to clone too", async () => {
    const { influencerId } = await createReady(emu);
    await ctl.fault({ method: "POST", path: "/v1/influencers/*/clone", action: { type: "job-fail" } });
    const r = await a.post(`/v1/influencers/${influencerId}/clone`, {});
    assert.equal((await waitJob(emu, r.body.jobId)).status, "failed");
  });

  it("job-stuck: the job stays running and the row training, long after its time", async () => {
    await ctl.fault({ path: "/v1/projects/*/influencers", action: { type: "job-stuck" } });
    const r = await a.post(create, {});
    const normal = await createReady(emu);
    // Once a later job (same duration) has finished, the stuck one is past its own due time.
    assert.equal(normal.job.status, "succeeded");
    await waitFor(async () => ((await a.get(`/v1/influencers/${r.body.influencerId}`)).body.status === "training" ? true : undefined));
    const job = await a.get(`/v1/jobs/${r.body.jobId}`);
    assert.equal(job.body.status, "running");
    assert.equal(job.body.completedAt, null);
    assert.equal(job.headers.get("retry-after"), null);
    assert.equal((await a.get(`/v1/influencers/${r.body.influencerId}`)).body.status, "training");
  });

  it("DELETE /_emulator/faults clears every rule; bad rules are refused with 422", async () => {
    await ctl.fault({ path: "/v1/projects/*", times: 5, action: { type: "status", status: 503 } });
    assert.equal((await ctl.call("GET", "/faults")).body.faults[0].remaining, 5);
    assert.equal((await ctl.clearFaults()).status, 204);
    assert.equal((await a.get(`/v1/projects/${emu.projectId}`)).status, 200);
    for (const rule of [{ action: { type: "status", status: 503 } }, { path: "no-slash", action: { type: "delay", ms: 1 } }, { path: "/x", action: { type: "explode" } },
      { path: "/x", action: { type: "status", status: 200 } }, { path: "/x", times: 0, action: { type: "job-fail" } }, { path: "/x", action: { type: "reset", when: "during" } }]) {
      expectError(await ctl.call("POST", "/faults", rule), 422, "VALIDATION");
    }
  });
});
