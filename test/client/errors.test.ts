import * as assert from "assert";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  isConflict,
  isNotFound,
  JobFailedError,
  JobTimeoutError,
  LayersError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
} from "../../provider/client";

const ref = { method: "POST", path: "/v1/projects/0f8e/influencers" };

describe("client errors", () => {
  it("formats one readable line with method, path, status, code, message, field errors and request id", () => {
    const body = {
      error: {
        code: "VALIDATION",
        message: "Invalid body.",
        requestId: "req_01HXZ9G7KMV2QX8Y1S5RJW3B7T",
        details: { fieldErrors: { gender: ["Invalid enum value"], prompt: ["Too long", "Bad\ncharacters"] } },
      },
    };
    const e = APIError.generate(422, body, {}, ref);
    assert.ok(e instanceof ValidationError && e instanceof APIError && e instanceof LayersError);
    assert.strictEqual(
      e.message,
      "POST /v1/projects/0f8e/influencers -> 422 VALIDATION: Invalid body. fieldErrors: gender: Invalid enum value; prompt: Too long, Bad characters (request req_01HXZ9G7KMV2QX8Y1S5RJW3B7T)",
    );
    assert.ok(!e.message.includes("\n"));
    assert.deepStrictEqual(e.fieldErrors, { gender: ["Invalid enum value"], prompt: ["Too long", "Bad\ncharacters"] });
    assert.strictEqual(e.name, "ValidationError");
    assert.ok(e.stack!.startsWith("ValidationError: POST /v1/projects/0f8e/influencers -> 422"));
  });

  it("maps each status to its class", () => {
    const cases: Array<[number, Function]> = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [409, ConflictError],
      [422, ValidationError],
      [429, RateLimitError],
      [500, InternalServerError],
      [502, InternalServerError],
      [503, InternalServerError],
    ];
    for (const [status, cls] of cases) {
      const e = APIError.generate(status, { error: { code: "X", message: "m" } }, {}, ref);
      assert.ok(e instanceof cls, `${status} -> ${cls.name}`);
      assert.strictEqual(e.status, status);
    }
    assert.strictEqual(APIError.generate(418, {}, {}, ref).constructor, APIError);
    assert.ok(isNotFound(APIError.generate(404, {}, {}, ref)));
    assert.ok(isConflict(APIError.generate(409, {}, {}, ref)));
    assert.ok(!isNotFound(new Error("404")));
  });

  it("falls back to the X-Request-Id header and to HTTP_<status> for a body that is not the API's", () => {
    const e = APIError.generate(502, "<html>Bad   gateway</html>", { "x-request-id": "req_hdr" }, { method: "GET", path: "/v1/jobs/j" });
    assert.strictEqual(e.message, "GET /v1/jobs/j -> 502 HTTP_502: <html>Bad gateway</html> (request req_hdr)");
  });

  it("says how many attempts were made once retries gave up, keeping one line", () => {
    const e = APIError.generate(503, { error: { code: "UNAVAILABLE", message: "down", requestId: "req_1" } }, {}, ref).withAttempts(7);
    assert.strictEqual(e.message, "POST /v1/projects/0f8e/influencers -> 503 UNAVAILABLE: down (request req_1, after 7 attempts)");
    assert.ok(e.stack!.split("\n")[0].endsWith("after 7 attempts)"));
  });

  it("connection errors have no status and carry only the socket code as cause", () => {
    const e = new APIConnectionError({ method: "GET", path: "/v1/influencers/inf_1", code: "ECONNRESET", message: "socket hang up", cause: { code: "ECONNRESET" } });
    assert.strictEqual(e.status, undefined);
    assert.strictEqual(e.message, "GET /v1/influencers/inf_1 -> connection error ECONNRESET: socket hang up");
    assert.deepStrictEqual(e.cause, { code: "ECONNRESET" });
  });

  it("bounds a huge server message", () => {
    const e = APIError.generate(500, { error: { code: "INTERNAL", message: "x".repeat(5000) } }, {}, ref);
    assert.ok(e.message.length < 400);
  });

  it("job errors are LayersErrors naming the job and influencer", () => {
    const f = new JobFailedError("job_1", "inf_1", "failed", "GENERATION_FAILED", "renderer crashed");
    assert.ok(f instanceof LayersError);
    assert.strictEqual(f.message, "job job_1 (influencer inf_1) failed: GENERATION_FAILED renderer crashed");
    const t = new JobTimeoutError("job_1", "inf_1", 90_000.4, "running");
    assert.ok(t instanceof LayersError);
    assert.strictEqual(t.message, "job job_1 (influencer inf_1) not finished after 90000 ms (last status: running)");
  });
});
