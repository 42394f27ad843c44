import * as assert from "assert";
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelayMs } from "../../provider/client";
import { RetryBudget, type Failure, type RequestTraits } from "../../provider/client/retry";

const policy = { baseDelayMs: 250, maxDelayMs: 8000 };

describe("client retry: backoff", () => {
  it("is full jitter: 0 with random()=0, just under the ceiling with random()~1", () => {
    for (let i = 0; i < 8; i++) {
      const ceiling = Math.min(8000, 250 * 2 ** i);
      assert.strictEqual(backoffMs(i, policy, () => 0), 0);
      assert.strictEqual(backoffMs(i, policy, () => 0.999999), ceiling - 1);
    }
  });

  it("grows exponentially and is capped", () => {
    const top = (i: number) => backoffMs(i, policy, () => 0.999999) + 1;
    assert.deepStrictEqual([0, 1, 2, 3, 4, 5, 6, 10].map(top), [250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("spreads across the whole range with a real random source", () => {
    const samples = Array.from({ length: 2000 }, () => backoffMs(3, policy));
    assert.ok(samples.every((s) => s >= 0 && s < 2000));
    assert.ok(samples.some((s) => s < 500) && samples.some((s) => s > 1500), "jitter covers low and high quarters");
  });

  it("waits at least Retry-After, with at most baseDelay of extra jitter, even beyond the cap", () => {
    assert.strictEqual(retryDelayMs(0, policy, 3000, () => 0), 3000);
    assert.strictEqual(retryDelayMs(0, policy, 3000, () => 0.999999), 3249);
    assert.strictEqual(retryDelayMs(5, policy, 20_000, () => 0), 20_000);
    assert.strictEqual(retryDelayMs(2, policy, undefined, () => 0.5), 500);
  });

  it("parses Retry-After seconds and HTTP dates", () => {
    assert.strictEqual(parseRetryAfter("2"), 2000);
    assert.strictEqual(parseRetryAfter("0"), 0);
    assert.strictEqual(parseRetryAfter(["1.5"]), 1500);
    assert.strictEqual(parseRetryAfter(new Date(10_000).toUTCString(), 7_000), 3000);
    assert.strictEqual(parseRetryAfter(undefined), undefined);
    assert.strictEqual(parseRetryAfter("soon"), undefined);
  });
});

describe("client retry: which failures are retried", () => {
  const get: RequestTraits = { method: "GET" };
  const del: RequestTraits = { method: "DELETE" };
  const patch: RequestTraits = { method: "PATCH" };
  const post: RequestTraits = { method: "POST" };
  const keyed: RequestTraits = { method: "POST", idempotencyKey: "k1" };
  const bind: RequestTraits = { method: "POST", safeToRepeat: true };
  const s = (status: number): Failure => ({ status });
  const c = (connectionCode: string): Failure => ({ connectionCode });

  const table: Array<[string, RequestTraits, Failure, boolean]> = [
    ["GET 503", get, s(503), true],
    ["GET 500", get, s(500), true],
    ["GET 502", get, s(502), true],
    ["GET 429", get, s(429), true],
    ["GET reset", get, c("ECONNRESET"), true],
    ["GET timeout", get, c("ETIMEDOUT"), true],
    ["GET 404", get, s(404), false],
    ["GET 401", get, s(401), false],
    ["GET 403", get, s(403), false],
    ["GET 409", get, s(409), false],
    ["GET 501", get, s(501), false],
    ["DELETE 503", del, s(503), true],
    ["PATCH reset", patch, c("ECONNRESET"), true],
    ["PATCH 409 (training: the caller waits, not the transport)", patch, s(409), false],
    ["PATCH 422", patch, s(422), false],
    ["POST without key 503", post, s(503), false],
    ["POST without key reset", post, c("ECONNRESET"), false],
    ["POST without key timeout", post, c("ETIMEDOUT"), false],
    ["POST without key 409", post, s(409), false],
    ["POST without key 429 (not processed)", post, s(429), true],
    ["POST without key refused (never sent)", post, c("ECONNREFUSED"), true],
    ["POST with key 503", keyed, s(503), true],
    ["POST with key reset", keyed, c("ECONNRESET"), true],
    ["POST with key timeout", keyed, c("ETIMEDOUT"), true],
    ["POST with key 409 (first still in flight)", keyed, s(409), true],
    ["POST with key 409 where a conflict is the answer (clone: the id exists)", { ...keyed, conflictIsAnswer: true }, s(409), false],
    ["POST with key 422", keyed, s(422), false],
    ["POST with key 404", keyed, s(404), false],
    ["POST with key 401", keyed, s(401), false],
    ["POST set-union bind 503", bind, s(503), true],
    ["POST set-union bind 409", bind, s(409), false],
  ];
  for (const [name, req, failure, expected] of table) {
    it(`${name} -> ${expected ? "retry" : "no retry"}`, () => assert.strictEqual(isRetryable(req, failure), expected));
  }
});

describe("client retry: budget", () => {
  it("stops after maxRetries", () => {
    const b = new RetryBudget({ ...DEFAULT_RETRY_POLICY, maxRetries: 2 });
    assert.ok(b.tryRetry(1));
    assert.ok(b.tryRetry(1));
    assert.ok(!b.tryRetry(1));
    assert.strictEqual(b.retriesUsed, 2);
  });

  it("counts 429 retries apart from fault retries", () => {
    const b = new RetryBudget({ ...DEFAULT_RETRY_POLICY, maxRetries: 1, maxRateLimitedRetries: 3 });
    assert.ok(b.tryRetry(1, true) && b.tryRetry(1, true) && b.tryRetry(1, true));
    assert.ok(!b.tryRetry(1, true), "429 retries exhausted");
    assert.ok(b.tryRetry(1), "a fault retry is still available");
    assert.ok(!b.tryRetry(1));
    assert.strictEqual(b.retriesUsed, 4);
  });

  it("refuses a retry whose wait would overrun the time budget, counting attempt time", () => {
    const b = new RetryBudget({ ...DEFAULT_RETRY_POLICY, budgetMs: 10_000 });
    b.recordAttempt(4_000);
    assert.ok(b.tryRetry(5_000));
    assert.ok(!b.tryRetry(1_001), "4000 + 5000 + 1001 > 10000");
    assert.ok(b.tryRetry(1_000));
  });
});
