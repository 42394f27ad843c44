// Bad input and the error envelope: every contract error code, malformed JSON, wrong
// content type, oversized bodies, unknown routes and wrong-shaped ids. Each answer is the
// envelope with X-Request-Id, never a stack trace, and never changes state.
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, call, control, createReady, ERROR_SHAPE, expectError, start, waitFor } from "./support";

describe("emulator: errors and bad input", () => {
  let emu: RunningEmulator;
  let a: ReturnType<typeof api>;
  let stateBefore: string;
  before(async () => {
    emu = await start({ jobMs: 40 });
    a = api(emu);
  });
  after(() => emu.close());

  const snapshot = async () => {
    const s = await control(emu).state();
    return JSON.stringify({ p: s.projects, i: s.influencers, j: s.jobs, m: s.media, o: s.orgs });
  };

  it("every response, success or not, carries a fresh X-Request-Id", async () => {
    const ok = await a.get(`/v1/projects/${emu.projectId}`);
    const ok2 = await a.get(`/v1/projects/${emu.projectId}`);
    assert.match(ok.headers.get("x-request-id") ?? "", ERROR_SHAPE);
    assert.notEqual(ok.headers.get("x-request-id"), ok2.headers.get("x-request-id"));
    assert.match((await fetch(`${emu.url}/nowhere`)).headers.get("x-request-id") ?? "", ERROR_SHAPE);
    assert.match((await fetch(`${emu.url}/_emulator/config`)).headers.get("x-request-id") ?? "", ERROR_SHAPE);
  });

  describe("rejected requests change nothing", () => {
    before(async () => {
      await createReady(emu);
      stateBefore = await snapshot();
    });
    afterEach(async () => assert.equal(await snapshot(), stateBefore, "state changed on a rejected request"));

    const create = () => `/v1/projects/${emu.projectId}/influencers`;

    it("malformed JSON is 422 VALIDATION", async () => {
      for (const raw of ["{", "{\"gender\":", "[1,", "nul"]) {
        const e = expectError(await a.call("POST", create(), { raw, headers: { "content-type": "application/json" } }), 422, "VALIDATION");
        assert.ok(e.details?.fieldErrors?.body);
      }
    });

    it("a JSON body that is not an object is 422", async () => {
      for (const body of [[], "text", 5, null]) expectError(await a.post(create(), body), 422, "VALIDATION");
    });

    it("a non-JSON content type on a body route is 415 UNSUPPORTED_MEDIA_TYPE", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]) {
        expectError(await a.call("POST", create(), { raw: "gender=male", headers: { "content-type": type } }), 415, "UNSUPPORTED_MEDIA_TYPE");
      }
      expectError(await a.call("POST", create(), { raw: "{}" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    });

    it("a body over 1 MiB is 413 PAYLOAD_TOO_LARGE; the media upload takes bodies up to 14 MiB", async () => {
      const json = { "content-type": "application/json" };
      const big = JSON.stringify({ prompt: "a".repeat(1024 * 1024) });
      expectError(await a.call("POST", create(), { raw: big, headers: json }), 413, "PAYLOAD_TOO_LARGE");
      const media = `/v1/projects/${emu.projectId}/media`;
      // One byte over 10 MiB of data (the accepted 10 MiB is in projects-media-jobs.test.ts) is 422 naming the rule.
      const over = Buffer.alloc(10 * 1024 * 1024 + 1, 7);
      const e = expectError(await a.call("POST", media, { raw: JSON.stringify({ dataBase64: over.toString("base64"), contentType: "image/png" }), headers: json }), 422, "VALIDATION");
      assert.match(e.details!.fieldErrors!.dataBase64[0], /10 MiB/);
      const huge = JSON.stringify({ url: `https://x.test/${"a".repeat(14 * 1024 * 1024)}` });
      expectError(await a.call("POST", media, { raw: huge, headers: json }), 413, "PAYLOAD_TOO_LARGE");
    });

    it("the create surface is tiny: name, brandVoice, language, influencerId are refused with a reason", async () => {
      const e = expectError(await a.post(create(), { name: "Ava", brandVoice: "x", language: "en", influencerId: "inf_x" }), 422, "VALIDATION");
      assert.match(e.details!.fieldErrors!.name[0], /server-generated/);
      assert.ok(e.details!.fieldErrors!.brandVoice && e.details!.fieldErrors!.language && e.details!.fieldErrors!.influencerId);
      for (const body of [{ gender: "nonbinary" }, { ageRange: "25-34" }, { prompt: "" }, { prompt: "x".repeat(61) }]) {
        expectError(await a.post(create(), body), 422, "VALIDATION");
      }
    });

    it("unknown routes and unknown methods on known paths are 404 NOT_FOUND", async () => {
      expectError(await a.get("/v1/nothing"), 404, "NOT_FOUND");
      expectError(await a.get("/v1/projects/"), 404, "NOT_FOUND");
      expectError(await a.call("PUT", `/v1/projects/${emu.projectId}`), 404, "NOT_FOUND");
      expectError(await a.call("DELETE", `/v1/projects/${emu.projectId}`), 404, "NOT_FOUND");
      expectError(await api(emu, null).get("/index.php"), 404, "NOT_FOUND"); // "/" is the dashboard (dashboard.test.ts)
      expectError(await api(emu, null).get("/v2/projects"), 404, "NOT_FOUND");
    });

    it("ids of the wrong shape are 404, like unknown ids", async () => {
      for (const id of ["x", "inf_short", "INF_01HX9Y6K7EJ4T2N0VAB0000000", "inf_01hx9y6k7ej4t2n0vab0000000", "inf_01HX9Y6K7EJ4T2N0VAB000000U", "%00", "..%2F.."]) {
        expectError(await a.get(`/v1/influencers/${id}`), 404, "NOT_FOUND");
        expectError(await a.patch(`/v1/influencers/${id}`, { name: "x" }), 404, "NOT_FOUND");
      }
      expectError(await a.get("/v1/projects/NOT-A-UUID"), 404, "NOT_FOUND");
      expectError(await a.get("/v1/jobs/inf_01HX9Y6K7EJ4T2N0VAB0000000"), 404, "NOT_FOUND");
      expectError(await call(emu.url, "GET", "/media/assets/../../etc/passwd"), 404, "NOT_FOUND");
      for (const bad of ["/v1/influencers/%E0%A4%A", "/v1/projects/%zz/influencers"]) expectError(await a.get(bad), 404, "NOT_FOUND");
      assert.equal((await control(emu).requests()).filter((r) => r.path === "/v1/projects/%zz/influencers" && r.status === 404).length, 1, "logged too");
    });

    it("409 CONFLICT on PATCH of a generating influencer carries the envelope", async () => {
      await control(emu).fault({ path: "/v1/projects/*/influencers", action: { type: "job-stuck" } });
      const r = await a.post(create(), {});
      // A stuck row settles in `training` (a time-driven change, not a write): snapshot after that.
      await waitFor(async () => ((await a.get(`/v1/influencers/${r.body.influencerId}`)).body.status === "training" ? true : undefined));
      stateBefore = await snapshot();
      expectError(await a.patch(`/v1/influencers/${r.body.influencerId}`, { name: "x" }), 409, "CONFLICT");
    });

    it("401 and 403 carry the envelope", async () => {
      expectError(await api(emu, null).post(create(), {}), 401, "UNAUTHENTICATED");
      const weak = await control(emu).org({ scopes: [] });
      stateBefore = await snapshot();
      expectError(await api(emu, weak.apiKey).post(create(), {}), 403, "FORBIDDEN_SCOPE");
    });

    it("500, 502 and 503 (fault-injected) use INTERNAL / UNAVAILABLE", async () => {
      for (const [status, code] of [[500, "INTERNAL"], [502, "UNAVAILABLE"], [503, "UNAVAILABLE"]] as const) {
        await control(emu).fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "status", status } });
        expectError(await a.post(create(), {}), status, code);
      }
    });

    it("429 RATE_LIMITED with Retry-After", async () => {
      await control(emu).config({ rateLimit: 2 });
      try {
        // Invalid bodies use up the 2-token bucket without creating anything.
        for (let i = 0; i < 2; i++) await a.post(create(), { prompt: "x".repeat(61) });
        const e = await a.post(create(), {});
        expectError(e, 429, "RATE_LIMITED");
        assert.ok(Number(e.headers.get("retry-after")) >= 1);
      } finally {
        await control(emu).config({ rateLimit: 0 });
      }
    });
  });
});
