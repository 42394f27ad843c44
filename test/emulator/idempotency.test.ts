// Idempotency-Key on POST: byte-for-byte replay with Idempotent-Replayed (even after the
// influencer was deleted), 422 for a different body, 409 while the first is in flight,
// scoping per org + method + path, and no record for failed first attempts.
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, control, createReady, expectError, start } from "./support";

describe("emulator: Idempotency-Key", () => {
  let emu: RunningEmulator;
  let a: ReturnType<typeof api>;
  let path: string;
  before(async () => {
    emu = await start({ jobMs: 40 });
    a = api(emu);
    path = `/v1/projects/${emu.projectId}/influencers`;
  });
  after(() => emu.close());

  const count = async () => (await control(emu).state()).influencers.length;

  it("the same key and body replays the first 202 byte for byte, with Idempotent-Replayed: true", async () => {
    const n = await count();
    const first = await a.post(path, { gender: "male", prompt: "rocker" }, { idempotencyKey: "k-replay" });
    assert.equal(first.status, 202);
    assert.equal(first.headers.get("idempotent-replayed"), null);
    const again = await a.call("POST", path, { raw: '{"prompt":"rocker","gender":"male"}', headers: { "content-type": "application/json" }, idempotencyKey: "k-replay" });
    assert.equal(again.status, 202);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.notEqual(again.headers.get("x-request-id"), first.headers.get("x-request-id"));
    assert.equal(await count(), n + 1, "one influencer, not two");
  });

  it("replays even after the influencer was deleted", async () => {
    const first = await a.post(path, {}, { idempotencyKey: "k-deleted" });
    await a.delete(`/v1/influencers/${first.body.influencerId}`);
    const again = await a.post(path, {}, { idempotencyKey: "k-deleted" });
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    expectError(await a.get(`/v1/influencers/${again.body.influencerId}`), 404, "NOT_FOUND");
  });

  it("a missing body and {} are the same request", async () => {
    const first = await a.call("POST", path, { idempotencyKey: "k-empty" });
    const again = await a.post(path, {}, { idempotencyKey: "k-empty" });
    assert.equal(again.text, first.text);
  });

  it("the same key with a different body is 422 and creates nothing", async () => {
    await a.post(path, { gender: "male" }, { idempotencyKey: "k-diff" });
    const n = await count();
    const e = expectError(await a.post(path, { gender: "female" }, { idempotencyKey: "k-diff" }), 422, "VALIDATION");
    assert.ok(e.details?.fieldErrors?.["Idempotency-Key"]);
    assert.equal(await count(), n);
  });

  it("the same key while the first is still in flight is 409; the first then completes and replays", async () => {
    await control(emu).fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "delay", ms: 400 } });
    const slow = a.post(path, {}, { idempotencyKey: "k-flight" });
    // Poll the request log until the first request has arrived, then race it.
    for (let i = 0; i < 200 && !(await control(emu).requests()).some((r) => r.idempotencyKey === "k-flight"); i++) await new Promise((r) => setTimeout(r, 5));
    expectError(await a.post(path, {}, { idempotencyKey: "k-flight" }), 409, "CONFLICT");
    const first = await slow;
    assert.equal(first.status, 202);
    assert.equal((await a.post(path, {}, { idempotencyKey: "k-flight" })).text, first.text);
  });

  it("keys are scoped per org and per path: the same key elsewhere is a new request", async () => {
    const first = await a.post(path, {}, { idempotencyKey: "k-scope" });
    const other = await control(emu).org();
    const theirProject = (await api(emu, other.apiKey).post("/v1/projects", { name: "T" }, { idempotencyKey: "k-scope" })).body.projectId;
    const theirs = await api(emu, other.apiKey).post(`/v1/projects/${theirProject}/influencers`, {}, { idempotencyKey: "k-scope" });
    assert.equal(theirs.status, 202);
    assert.notEqual(theirs.body.influencerId, first.body.influencerId);
    const { influencerId } = await createReady(emu);
    const clone = await a.post(`/v1/influencers/${influencerId}/clone`, {}, { idempotencyKey: "k-scope" });
    assert.equal(clone.status, 202);
    assert.equal(clone.headers.get("idempotent-replayed"), null);
    const cloneAgain = await a.post(`/v1/influencers/${influencerId}/clone`, {}, { idempotencyKey: "k-scope" });
    assert.equal(cloneAgain.text, clone.text);
    assert.equal(cloneAgain.headers.get("idempotent-replayed"), "true");
  });

  it("a failed first attempt leaves no record: the retry runs for real", async () => {
    await control(emu).fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "status", status: 503, retryAfter: 1 } });
    expectError(await a.post(path, {}, { idempotencyKey: "k-503" }), 503, "UNAVAILABLE");
    const retry = await a.post(path, {}, { idempotencyKey: "k-503" });
    assert.equal(retry.status, 202);
    assert.equal(retry.headers.get("idempotent-replayed"), null);
    expectError(await a.post(path, { prompt: "" }, { idempotencyKey: "k-422" }), 422, "VALIDATION");
    assert.equal((await a.post(path, { prompt: "ok" }, { idempotencyKey: "k-422" })).status, 202);
  });

  it("a malformed Idempotency-Key is 422", async () => {
    expectError(await a.post(path, {}, { idempotencyKey: "x".repeat(256) }), 422, "VALIDATION");
    expectError(await a.post(path, {}, { headers: { "idempotency-key": "has space" } }), 422, "VALIDATION");
  });

  it("records expire after 24 hours", async () => {
    const first = await a.post(path, {}, { idempotencyKey: "k-old" });
    const real = Date.now;
    try {
      Date.now = () => real() + 24 * 60 * 60 * 1000 + 1;
      const again = await a.post(path, {}, { idempotencyKey: "k-old" });
      assert.equal(again.status, 202);
      assert.notEqual(again.body.influencerId, first.body.influencerId);
    } finally {
      Date.now = real;
    }
  });
});
