import * as assert from "assert";
import * as util from "util";
import {
  AdaptiveLimiter,
  APIConnectionError,
  APIConnectionTimeoutError,
  InternalServerError,
  isNotFound,
  LayersClient,
  LayersError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ValidationError,
  type ClientOptions,
} from "../../provider/client";
import { apiError, startScriptedServer, type ScriptedServer } from "./support/scripted-server";

const KEY = "lk_live_SECRETs3cr3tKEY0123456789abcdef";
const PROJECT = "0f8e5a43-5c4b-4e3f-9a57-1f2b3c4d5e6f";
const envelope = { jobId: "job_01", kind: "influencer_create", status: "running", influencerId: "inf_01", locationUrl: "/v1/jobs/job_01" };
const project = { projectId: PROJECT, name: "p", appDescription: null, targetGender: "any", createdAt: "t" };
const record = {
  influencerId: "inf_01", projectId: PROJECT, name: "Ava", gender: "female", ageRange: "young_adult", ethnicity: null, bodyType: null,
  hairColor: null, hairStyle: null, style: null, vibe: null, voiceDescription: null, brandVoice: null, language: null, personality: null,
  referenceImages: [], thumbnailUrl: null, status: "ready", createdAt: "t", updatedAt: "t",
};

describe("client over HTTP (scripted server)", () => {
  let server: ScriptedServer;
  let sleeps: number[];
  const client = (opts: Partial<ClientOptions> = {}) =>
    new LayersClient({ baseUrl: server.url, apiKey: KEY, limiter: null, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms), ...opts });

  beforeEach(async () => {
    server = await startScriptedServer();
    sleeps = [];
  });
  afterEach(() => server.close());

  it("sends the bearer key, JSON and a pulumi-layers User-Agent", async () => {
    server.enqueue({ status: 200, body: record });
    await client().patchInfluencer("inf_01", { vibe: "calm" });
    const [req] = server.requests;
    assert.strictEqual(req.method, "PATCH");
    assert.strictEqual(req.url, "/v1/influencers/inf_01");
    assert.strictEqual(req.headers.authorization, `Bearer ${KEY}`);
    assert.strictEqual(req.headers["content-type"], "application/json");
    assert.strictEqual(req.headers["user-agent"], `pulumi-layers/${require("../../package.json").version}`);
    assert.deepStrictEqual(JSON.parse(req.body), { vibe: "calm" });
  });

  it("retries a create through 503, a reset and a 429 with the SAME Idempotency-Key, obeying Retry-After", async () => {
    server.enqueue(
      { status: 503, body: apiError("UNAVAILABLE", "try later") },
      { destroy: true },
      { status: 429, body: apiError("RATE_LIMITED", "slow down"), headers: { "retry-after": "2" } },
      { status: 202, body: envelope, headers: { "idempotent-replayed": "true" } },
    );
    const c = client();
    const res = await c.createInfluencer(PROJECT, { gender: "female" }, { idempotencyKey: "idem-1" });
    assert.deepStrictEqual(res, { ...envelope, replayed: true });
    assert.strictEqual(server.requests.length, 4);
    assert.deepStrictEqual(server.requests.map((r) => r.headers["idempotency-key"]), ["idem-1", "idem-1", "idem-1", "idem-1"]);
    assert.ok(server.requests.every((r) => r.body === '{"gender":"female"}'));
    assert.strictEqual(sleeps.length, 3);
    assert.ok(sleeps[2] >= 2000, `waited ${sleeps[2]} ms after Retry-After: 2`);
    assert.deepStrictEqual(c.stats, { requests: 4, retries: 3, rateLimited: 1 });
  });

  it("reports replayed: false for a first create", async () => {
    server.enqueue({ status: 202, body: envelope });
    assert.strictEqual((await client().createInfluencer(PROJECT, {}, { idempotencyKey: "k" })).replayed, false);
  });

  it("waits out a 409 'first request still in flight' on a keyed create", async () => {
    server.enqueue({ status: 409, body: apiError("CONFLICT", "in flight") }, { status: 202, body: envelope, headers: { "idempotent-replayed": "true" } });
    const res = await client().createInfluencer(PROJECT, {}, { idempotencyKey: "k" });
    assert.strictEqual(res.influencerId, "inf_01");
    assert.strictEqual(server.requests.length, 2);
  });

  it("refuses a create without an Idempotency-Key before sending anything", async () => {
    await assert.rejects(client().createInfluencer(PROJECT, {}, { idempotencyKey: "" }), LayersError);
    assert.strictEqual(server.requests.length, 0);
  });

  it("does not retry a POST without a key on 503 or a reset", async () => {
    server.enqueue({ status: 503, body: apiError("UNAVAILABLE", "down") });
    await assert.rejects(client().createProject({ name: "p" }), InternalServerError);
    assert.strictEqual(server.requests.length, 1);
    server.enqueue({ destroy: true });
    await assert.rejects(client().createProject({ name: "p" }), APIConnectionError);
    assert.strictEqual(server.requests.length, 2);
    assert.ok(server.requests.every((r) => r.headers["idempotency-key"] === undefined));
  });

  it("retries a POST without a key on 429: the server did not process it", async () => {
    server.enqueue({ status: 429, body: apiError("RATE_LIMITED", "slow"), headers: { "retry-after": "1" } }, { status: 201, body: project });
    assert.strictEqual((await client().createProject({ name: "p" })).projectId, PROJECT);
    assert.strictEqual(server.requests.length, 2);
  });

  it("does not retry 422 or 404, and says what went wrong in one line", async () => {
    server.enqueue({ status: 422, body: apiError("VALIDATION", "Invalid body.", { gender: ["Invalid enum value"] }) });
    const e422 = await client().createInfluencer(PROJECT, { gender: "x" }, { idempotencyKey: "k" }).catch((e) => e);
    assert.ok(e422 instanceof ValidationError);
    assert.match(e422.message, new RegExp(`^POST /v1/projects/${PROJECT}/influencers -> 422 VALIDATION: Invalid body\\. fieldErrors: gender: Invalid enum value \\(request req_\\d+\\)$`));
    server.enqueue({ status: 404, body: apiError("NOT_FOUND", "Not found.") });
    const e404 = await client().getInfluencer("inf_gone").catch((e) => e);
    assert.ok(e404 instanceof NotFoundError && isNotFound(e404));
    assert.strictEqual(server.requests.length, 2);
    assert.strictEqual(sleeps.length, 0);
  });

  it("gives up after maxRetries and says how many attempts it made", async () => {
    for (let i = 0; i < 7; i++) server.enqueue({ status: 502, body: apiError("UNAVAILABLE", "bad gateway") });
    const e = await client().getInfluencer("inf_01").catch((err) => err);
    assert.ok(e instanceof InternalServerError);
    assert.strictEqual(server.requests.length, 7, "1 attempt + 6 retries");
    assert.match(e.message, /after 7 attempts\)$/);
  });

  it("rides out a 429 storm longer than maxRetries, within the time budget", async () => {
    for (let i = 0; i < 10; i++) server.enqueue({ status: 429, body: apiError("RATE_LIMITED", "slow"), headers: { "retry-after": "1" } });
    server.enqueue({ status: 200, body: record });
    const c = client();
    assert.strictEqual((await c.getInfluencer("inf_01")).name, "Ava");
    assert.deepStrictEqual(c.stats, { requests: 11, retries: 10, rateLimited: 10 });
    assert.ok(sleeps.every((ms) => ms >= 1000));
  });

  it("does not start a retry whose Retry-After exceeds the time budget", async () => {
    server.enqueue({ status: 429, body: apiError("RATE_LIMITED", "slow"), headers: { "retry-after": "120" } });
    const e = await client({ retryBudgetMs: 60_000 }).getInfluencer("inf_01").catch((err) => err);
    assert.ok(e instanceof RateLimitError);
    assert.strictEqual(e.retryAfterMs, 120_000);
    assert.strictEqual(server.requests.length, 1);
  });

  it("times out a slow response and retries it", async () => {
    server.enqueue({ status: 200, body: record, delayMs: 1000 }, { status: 200, body: record });
    assert.strictEqual((await client({ timeoutMs: 100 }).getInfluencer("inf_01")).name, "Ava");
    assert.strictEqual(server.requests.length, 2);
    server.enqueue({ status: 200, body: record, delayMs: 1000 });
    const e = await client({ timeoutMs: 100, maxRetries: 0 }).getInfluencer("inf_01").catch((err) => err);
    assert.ok(e instanceof APIConnectionTimeoutError);
    assert.strictEqual(e.code, "ETIMEDOUT");
  });

  it("retries binding reference images (a set union) on 503", async () => {
    server.enqueue({ status: 503 }, { status: 200, body: { influencerId: "inf_01", referenceImages: [] } });
    await client().bindReferenceImages("inf_01", ["med_1"]);
    assert.strictEqual(server.requests.length, 2);
    assert.deepStrictEqual(JSON.parse(server.requests[1].body), { assetIds: ["med_1"] });
  });

  it("rejects a 2xx body that breaks the contract, without retrying", async () => {
    server.enqueue({ status: 200, body: { ...record, name: 5 } });
    const e = await client().getInfluencer("inf_01").catch((err) => err);
    assert.ok(e instanceof ResponseValidationError && e instanceof LayersError);
    assert.match(e.message, /^GET \/v1\/influencers\/inf_01 -> 200 but the response does not match the API contract: name:/);
    assert.strictEqual(server.requests.length, 1);
  });

  it("passes list query, delete reason and the job polling hint", async () => {
    server.enqueue(
      { status: 200, body: { items: [], nextCursor: "c2" } },
      { status: 200, body: { influencerId: "inf_01", status: "deleted", deletedAt: "t" } },
      { status: 200, body: { jobId: "job_01", kind: "influencer_create", status: "running", influencerId: "inf_01", error: null, createdAt: "t", updatedAt: "t", completedAt: null }, headers: { "retry-after": "3" } },
    );
    const c = client();
    assert.strictEqual((await c.listInfluencers(PROJECT, { cursor: "c1", limit: 10 })).nextCursor, "c2");
    assert.strictEqual(server.requests[0].url, `/v1/projects/${PROJECT}/influencers?cursor=c1&limit=10`);
    await c.deleteInfluencer("inf_01", "pulumi destroy");
    assert.deepStrictEqual(JSON.parse(server.requests[1].body), { reason: "pulumi destroy" });
    assert.strictEqual((await c.getJob("job_01")).retryAfterMs, 3000);
  });

  it("feeds 429s to the shared limiter, which slows every client down", async () => {
    const limiter = new AdaptiveLimiter({ initialRate: 40 });
    // Take the one token, so that the first call waits for its turn with the second queued
    // behind it: its 429 is then one the shared pace caused (see limiter.ts), which halves it.
    const held = await limiter.acquire();
    server.enqueue({ status: 429, body: apiError("RATE_LIMITED", "slow"), headers: { "retry-after": "0" } }, { status: 200, body: project }, { status: 200, body: project });
    await Promise.all([client({ limiter }).getProject(PROJECT), client({ limiter }).getProject(PROJECT)]);
    held.failed();
    const snap = limiter.snapshot();
    assert.deepStrictEqual([snap.rateLimited, snap.decreases, snap.ceiling], [1, 1, 40]);
    assert.ok(snap.rate < 21, `rate halved from 40: ${snap.rate}`);
  });

  it("explains a missing key without a request", () => {
    assert.throws(() => new LayersClient({ baseUrl: server.url, apiKey: "" }), /layers:apiKey.*LAYERS_API_KEY/);
    assert.throws(() => new LayersClient({ baseUrl: server.url, apiKey: `${KEY}\n` }), (e: Error) => !e.message.includes(KEY));
  });

  describe("the API key never leaks", () => {
    const leaks = (value: unknown): boolean =>
      [util.inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value), String(value), (value as Error)?.stack ?? "", util.inspect((value as Error)?.cause, { depth: Infinity, showHidden: true })].some((s) =>
        (s ?? "").includes(KEY),
      );

    it("not in errors of any kind, even when the server echoes it", async () => {
      server.enqueue(
        { status: 401, body: apiError("UNAUTHENTICATED", `Unknown key ${KEY}`, { authorization: [`Bearer ${KEY}`] }) },
        { status: 422, body: apiError("VALIDATION", "Invalid body.", { gender: ["Invalid enum value"] }) },
        { destroy: true },
        { status: 200, body: record, delayMs: 500 },
        { status: 500, body: `<html>proxy saw Authorization: Bearer ${KEY}</html>` },
        { status: 200, body: { ...record, name: 7 } },
      );
      const c = client({ maxRetries: 0, timeoutMs: 100 });
      const errors = [
        await c.getProject(PROJECT).catch((e) => e),
        await c.createInfluencer(PROJECT, { gender: "x" }, { idempotencyKey: "k" }).catch((e) => e),
        await c.createProject({ name: "p" }).catch((e) => e),
        await c.getInfluencer("inf_01").catch((e) => e),
        await c.getInfluencer("inf_01").catch((e) => e),
        await c.getInfluencer("inf_01").catch((e) => e),
      ];
      assert.ok(errors.every((e) => e instanceof LayersError), util.inspect(errors));
      assert.ok(errors[0].message.includes("[redacted]"));
      for (const e of errors) assert.ok(!leaks(e), `leaked in ${e.constructor.name}: ${util.inspect(e, { showHidden: true })}`);
    });

    it("not when the client itself is inspected or serialized", () => {
      const c = client();
      assert.ok(!leaks(c));
      assert.ok(!util.inspect((c as unknown as { transport: unknown }).transport, { depth: Infinity, showHidden: true }).includes(KEY));
    });
  });
});
