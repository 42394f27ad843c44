// Projects (with the auto-created first influencer), media uploads, and the job endpoint:
// status progression, the exact terminal instant, and the Retry-After polling hint.
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, control, expectError, start, waitFor, waitJob } from "./support";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("emulator: projects, media and jobs", () => {
  let emu: RunningEmulator;
  let a: ReturnType<typeof api>;
  before(async () => {
    emu = await start({ jobMs: 60 });
    a = api(emu);
  });
  after(() => emu.close());

  it("POST /v1/projects creates a project that GET returns; unset fields are null", async () => {
    const r = await a.post("/v1/projects", { name: "Acme" });
    assert.equal(r.status, 201);
    assert.match(r.body.projectId, UUID);
    assert.deepEqual(r.body, { projectId: r.body.projectId, name: "Acme", appDescription: null, targetGender: null, createdAt: r.body.createdAt });
    const g = await a.get(`/v1/projects/${r.body.projectId}`);
    assert.deepEqual(g.body, r.body);
    assert.equal((await a.get(`/v1/projects/${emu.projectId}`)).body.name, "Default project");
  });

  it("a project with appDescription gets its first influencer in the background; without, none", async () => {
    const r = await a.post("/v1/projects", { name: "Brew", appDescription: "A coffee subscription app", targetGender: "male" });
    const list = await a.get(`/v1/projects/${r.body.projectId}/influencers`);
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].gender, "male");
    const ready = await waitFor(async () => {
      const g = await a.get(`/v1/influencers/${list.body.items[0].influencerId}`);
      return g.body.status === "ready" ? g.body : undefined;
    });
    assert.equal(ready.projectId, r.body.projectId);
    const bare = await a.post("/v1/projects", { name: "Bare" });
    assert.equal((await a.get(`/v1/projects/${bare.body.projectId}/influencers`)).body.items.length, 0);
  });

  it("project bodies are validated", async () => {
    for (const body of [{}, { name: "" }, { name: "x".repeat(129) }, { name: "a", appDescription: "x".repeat(2001) }, { name: "a", targetGender: "robot" }, { name: "a", extra: 1 }]) {
      expectError(await a.post("/v1/projects", body), 422, "VALIDATION");
    }
    expectError(await a.get("/v1/projects/3f1c5a7e-0000-4000-8000-000000000000"), 404, "NOT_FOUND");
  });

  it("media: {url} or {dataBase64, contentType} → 201 with ids and URLs; bad bodies 422; unknown project 404", async () => {
    const u = await a.post(`/v1/projects/${emu.projectId}/media`, { url: "https://cdn.example.test/x.jpg" });
    assert.equal(u.status, 201);
    assert.match(u.body.assetId, /^med_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(u.body.url, "https://cdn.example.test/x.jpg");
    assert.equal((await fetch(u.body.thumbnailUrl)).status, 200);
    const d = await a.post(`/v1/projects/${emu.projectId}/media`, { dataBase64: "aGVsbG8=", contentType: "image/jpeg" });
    assert.equal(d.status, 201);
    assert.equal(await (await fetch(d.body.url)).text(), "hello");
    for (const body of [{}, { url: "ftp://x/y" }, { url: "not a url" }, { dataBase64: "aGVsbG8=" }, { dataBase64: "%%%", contentType: "image/png" },
      { dataBase64: "aGVsbG8=", contentType: "text/html" }, { url: "https://x.test/a", dataBase64: "aGVsbG8=" }]) {
      expectError(await a.post(`/v1/projects/${emu.projectId}/media`, body), 422, "VALIDATION");
    }
    expectError(await a.post("/v1/projects/3f1c5a7e-0000-4000-8000-000000000000/media", { url: "https://x.test/a" }), 404, "NOT_FOUND");
  });

  it("media: 10 MiB of data (a 13.4 MiB body, over the 1 MiB limit of other endpoints) is accepted and served back byte for byte", async () => {
    const tenMiB = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < tenMiB.length; i += 4096) tenMiB[i] = i % 251;
    const d = await a.post(`/v1/projects/${emu.projectId}/media`, { dataBase64: tenMiB.toString("base64"), contentType: "image/png" });
    assert.equal(d.status, 201, JSON.stringify(d.body).slice(0, 300));
    const served = Buffer.from(await (await fetch(d.body.url)).arrayBuffer());
    assert.ok(served.equals(tenMiB), "the asset's bytes are the uploaded ones");
  });

  it("a job runs, then succeeds at the instant the row becomes ready; completedAt has milliseconds", async () => {
    const r = await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    const j = await a.get(`/v1/jobs/${r.body.jobId}`);
    assert.equal(j.status, 200);
    assert.deepEqual(Object.keys(j.body).sort(), ["completedAt", "createdAt", "error", "influencerId", "jobId", "kind", "status", "updatedAt"]);
    assert.equal(j.body.status, "running");
    assert.equal(j.body.completedAt, null);
    assert.equal(j.body.influencerId, r.body.influencerId);
    const done = await waitJob(emu, r.body.jobId);
    assert.equal(done.status, "succeeded");
    assert.equal(done.error, null);
    assert.match(done.completedAt, /\.\d{3}Z$/);
    assert.equal(Date.parse(done.completedAt) - Date.parse(done.createdAt), 60);
    const row = (await a.get(`/v1/influencers/${r.body.influencerId}`)).body;
    assert.equal(row.status, "ready");
    assert.equal(row.updatedAt, done.completedAt, "the row turned ready at the job's terminal instant");
    const stateJob = (await control(emu).state()).jobs.find((x: { jobId: string }) => x.jobId === r.body.jobId);
    assert.equal(stateJob.completedAt, done.completedAt);
  });

  it("Retry-After is floor(remaining seconds) and only when >= 1", async () => {
    await control(emu).config({ jobMs: 2600 });
    const long = await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    await control(emu).config({ jobMs: 900 });
    const short = await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    await control(emu).config({ jobMs: 60 });
    const lj = await a.get(`/v1/jobs/${long.body.jobId}`);
    assert.ok(["1", "2"].includes(lj.headers.get("retry-after") ?? ""), `got ${lj.headers.get("retry-after")}`);
    const sj = await a.get(`/v1/jobs/${short.body.jobId}`);
    assert.equal(sj.body.status, "running");
    assert.equal(sj.headers.get("retry-after"), null, "under a second left: no hint that would overshoot");
  });

  it("unknown, malformed and foreign job ids are 404", async () => {
    expectError(await a.get("/v1/jobs/job_00000000000000000000000000"), 404, "NOT_FOUND");
    expectError(await a.get("/v1/jobs/123"), 404, "NOT_FOUND");
    const other = await control(emu).org();
    const r = await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    expectError(await api(emu, other.apiKey).get(`/v1/jobs/${r.body.jobId}`), 404, "NOT_FOUND");
  });
});
