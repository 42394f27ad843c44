// The control API: orgs, the request log (and that no API key is ever in it), the state
// dump, runtime config, reset, and refusal of non-loopback clients.
import { strict as assert } from "node:assert";
import { createApp, type RunningEmulator } from "../../emulator";
import { api, control, createReady, expectError, start } from "./support";

describe("emulator: control API", () => {
  let emu: RunningEmulator;
  let ctl: ReturnType<typeof control>;
  before(async () => {
    emu = await start({ jobMs: 40 });
    ctl = control(emu);
  });
  after(() => emu.close());

  it("POST /_emulator/orgs creates an org with a fresh key and the requested scopes (default: all)", async () => {
    const r = await ctl.call("POST", "/orgs", { name: "Acme", scopes: ["projects:write"] });
    assert.equal(r.status, 201);
    assert.match(r.body.orgId, /^org_/);
    assert.match(r.body.apiKey, /^lyr_test_[0-9a-f]{32}$/);
    assert.deepEqual(r.body.scopes, ["projects:write"]);
    assert.equal((await api(emu, r.body.apiKey).post("/v1/projects", { name: "p" })).status, 201);
    const all = await ctl.org();
    assert.deepEqual(all.scopes.sort(), ["influencers:write", "projects:write"]);
    assert.notEqual(all.apiKey, r.body.apiKey);
    expectError(await ctl.call("POST", "/orgs", { scopes: ["admin"] }), 422, "VALIDATION");
  });

  it("GET /_emulator/requests lists /v1 requests in order with method, path, status, key and time; never the API key", async () => {
    await ctl.clearRequests();
    const a = api(emu);
    await a.get(`/v1/projects/${emu.projectId}/influencers?limit=2`);
    await a.post(`/v1/projects/${emu.projectId}/influencers`, {}, { idempotencyKey: "log-1" });
    await api(emu, null).get("/v1/jobs/x", { headers: { "x-api-key": "lyr_wrong_key_123" } });
    await a.get("/v1/unknown");
    await ctl.state();
    const log = await ctl.requests();
    assert.deepEqual(log.map((r) => [r.method, r.path, r.status, r.idempotencyKey]), [
      ["GET", `/v1/projects/${emu.projectId}/influencers`, 200, null],
      ["POST", `/v1/projects/${emu.projectId}/influencers`, 202, "log-1"],
      ["GET", "/v1/jobs/x", 401, null],
      ["GET", "/v1/unknown", 404, null],
    ]);
    assert.equal(log[0].query, "limit=2");
    assert.ok(log.every((r) => !Number.isNaN(Date.parse(String(r.at)))));
    const text = JSON.stringify(log);
    assert.ok(!text.includes(emu.apiKey) && !text.includes("lyr_wrong_key_123"), "no key in the request log");
    const dump = JSON.stringify(await ctl.state());
    assert.ok(!dump.includes(emu.apiKey), "no key in the state dump");
    assert.equal((await ctl.clearRequests()).status, 204);
    assert.deepEqual(await ctl.requests(), []);
  });

  it("GET /_emulator/state has orgs, projects, influencers (deleted ones with deletedAt and deleteReason) and jobs", async () => {
    const { influencerId, jobId, job } = await createReady(emu);
    await api(emu).delete(`/v1/influencers/${influencerId}`, { reason: "audit me" });
    const s = await ctl.state();
    assert.equal(s.defaultProjectId, emu.projectId);
    assert.ok(s.orgs.some((o: { orgId: string }) => o.orgId === s.defaultOrgId));
    assert.ok(s.projects.some((p: { projectId: string }) => p.projectId === emu.projectId));
    const row = s.influencers.find((i: { influencerId: string }) => i.influencerId === influencerId);
    assert.equal(row.deleteReason, "audit me");
    assert.ok(row.deletedAt);
    assert.equal(row.status, "ready");
    const j = s.jobs.find((x: { jobId: string }) => x.jobId === jobId);
    assert.equal(j.status, "succeeded");
    assert.equal(j.completedAt, job.completedAt);
  });

  it("PATCH /_emulator/config changes the job time of new jobs and the rate limit", async () => {
    const r = await ctl.config({ jobMs: 5000 });
    assert.deepEqual(r.body, { jobMs: 5000, rateLimit: 0 });
    const created = await api(emu).post(`/v1/projects/${emu.projectId}/influencers`, {});
    const job = (await ctl.state()).jobs.find((x: { jobId: string }) => x.jobId === created.body.jobId);
    assert.equal(job.durationMs, 5000);
    await ctl.config({ jobMs: 40, rateLimit: 1 });
    const a = api(emu);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await a.get(`/v1/projects/${emu.projectId}`)).status);
    assert.ok(statuses.includes(429));
    await ctl.config({ rateLimit: 0 });
    assert.equal((await a.get(`/v1/projects/${emu.projectId}`)).status, 200);
    expectError(await ctl.config({ jobMs: -1 }), 422, "VALIDATION");
    expectError(await ctl.config({ speed: 1 }), 422, "VALIDATION");
  });

  it("POST /_emulator/reset empties state, rules and log but keeps the default org, key and project", async () => {
    const other = await ctl.org();
    await createReady(emu);
    await ctl.fault({ path: "/v1/projects/*", action: { type: "status", status: 503 } });
    await ctl.config({ jobMs: 999 });
    const r = await ctl.reset();
    assert.equal(r.status, 200);
    assert.equal(r.body.defaultProjectId, emu.projectId);
    const s = await ctl.state();
    assert.equal(s.influencers.length, 0);
    assert.equal(s.jobs.length, 0);
    assert.equal(s.orgs.length, 1);
    assert.deepEqual(s.projects.map((p: { projectId: string }) => p.projectId), [emu.projectId]);
    assert.equal(s.config.jobMs, 40, "config back to the start options");
    assert.deepEqual(await ctl.requests(), []);
    assert.equal((await api(emu).get(`/v1/projects/${emu.projectId}`)).status, 200, "no fault rule left, default key works");
    expectError(await api(emu, other.apiKey).get(`/v1/projects/${emu.projectId}`), 401, "UNAUTHENTICATED");
  });

  it("is never rate limited and neither are media GETs; the limit is per key", async () => {
    await ctl.config({ rateLimit: 1 });
    try {
      const influencerId = (await api(emu).post(`/v1/projects/${emu.projectId}/influencers`, {})).body.influencerId;
      for (let i = 0; i < 5; i++) assert.equal((await ctl.call("GET", "/config")).status, 200);
      for (let i = 0; i < 5; i++) assert.equal((await fetch(`${emu.url}/media/influencers/${influencerId}/thumbnail.svg`)).status, 200);
      expectError(await api(emu).get(`/v1/projects/${emu.projectId}`), 429, "RATE_LIMITED");
      const other = await ctl.org();
      const theirs = api(emu, other.apiKey);
      assert.equal((await theirs.post("/v1/projects", { name: "own bucket" })).status, 201);
    } finally {
      await ctl.config({ rateLimit: 0 });
    }
  });

  it("refuses non-loopback clients with 403 (checked on the socket address, not headers)", async () => {
    const { app } = await createApp({ jobMs: 40 });
    try {
      for (const [method, url] of [["GET", "/_emulator/state"], ["POST", "/_emulator/orgs"], ["POST", "/_emulator/reset"], ["GET", "/_emulator/requests"]] as const) {
        const r = await app.inject({ method, url, remoteAddress: "10.1.2.3", headers: { "x-forwarded-for": "127.0.0.1" }, payload: method === "POST" ? {} : undefined });
        assert.equal(r.statusCode, 403, `${method} ${url}`);
        assert.equal(r.json().error.code, "FORBIDDEN");
        assert.ok(r.headers["x-request-id"]);
      }
      for (const addr of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) {
        assert.equal((await app.inject({ method: "GET", url: "/_emulator/config", remoteAddress: addr })).statusCode, 200, addr);
      }
      assert.equal((await app.inject({ method: "GET", url: "/_emulator/config", remoteAddress: "::ffff:10.0.0.1" })).statusCode, 403);
    } finally {
      await app.close();
    }
  });
});
