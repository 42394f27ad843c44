// Every influencer endpoint over real HTTP: create, get, patch, delete, reference images, clone.
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, control, createReady, expectError, start, waitFor, waitJob } from "./support";

const INF = /^inf_[0-9A-HJKMNP-TV-Z]{26}$/;
const JOB = /^job_[0-9A-HJKMNP-TV-Z]{26}$/;
const MED = /^med_[0-9A-HJKMNP-TV-Z]{26}$/;

describe("emulator: influencers", () => {
  let emu: RunningEmulator;
  let a: ReturnType<typeof api>;
  before(async () => {
    emu = await start({ jobMs: 90 });
    a = api(emu);
  });
  after(() => emu.close());

  it("create answers 202 with the job envelope; the row exists at once as pending and becomes ready", async () => {
    const r = await a.post(`/v1/projects/${emu.projectId}/influencers`, { gender: "male", ageRange: "adult", prompt: "barista energy" });
    assert.equal(r.status, 202);
    assert.match(r.body.jobId, JOB);
    assert.match(r.body.influencerId, INF);
    assert.deepEqual(r.body, { jobId: r.body.jobId, kind: "influencer_create", status: "running", influencerId: r.body.influencerId, locationUrl: `/v1/jobs/${r.body.jobId}` });
    const first = await a.get(`/v1/influencers/${r.body.influencerId}`);
    assert.equal(first.status, 200);
    assert.equal(first.body.status, "pending");
    assert.equal(first.body.thumbnailUrl, null);
    const seen = new Set<string>();
    const ready = await waitFor(async () => {
      const g = await a.get(`/v1/influencers/${r.body.influencerId}`);
      seen.add(g.body.status);
      return g.body.status === "ready" ? g.body : undefined;
    });
    assert.ok(seen.has("ready"));
    assert.equal(ready.gender, "male");
    assert.equal(ready.ageRange, "adult");
    assert.equal(ready.vibe, "barista energy");
    assert.equal(typeof ready.name, "string");
    assert.equal(ready.projectId, emu.projectId);
    assert.match(ready.thumbnailUrl, new RegExp(`^${emu.url}/media/influencers/${r.body.influencerId}/thumbnail\\.svg$`));
    assert.equal(ready.referenceImages.length, 1, "the generated portrait is the first reference image");
    assert.match(ready.referenceImages[0].assetId, MED);
  });

  it("the full record has every contract field, unset ones null", async () => {
    const { influencerId } = await createReady(emu);
    const r = await a.get(`/v1/influencers/${influencerId}`);
    const keys = ["influencerId", "projectId", "name", "gender", "ageRange", "ethnicity", "bodyType", "hairColor", "hairStyle", "style", "vibe",
      "voiceDescription", "brandVoice", "language", "personality", "referenceImages", "thumbnailUrl", "status", "createdAt", "updatedAt"];
    assert.deepEqual(Object.keys(r.body).sort(), keys.sort());
    assert.equal(r.body.ethnicity, null);
    assert.equal(r.body.brandVoice, null);
    assert.ok(!Number.isNaN(Date.parse(r.body.createdAt)));
  });

  it("create defaults: gender from the project's targetGender, else female; ageRange young_adult; non_binary reads as nonbinary", async () => {
    const male = await a.post("/v1/projects", { name: "Men's app", targetGender: "male" });
    const any = await a.post("/v1/projects", { name: "Any app", targetGender: "any" });
    const m = await a.post(`/v1/projects/${male.body.projectId}/influencers`, undefined);
    const f = await a.post(`/v1/projects/${any.body.projectId}/influencers`, {});
    const nb = await a.post(`/v1/projects/${any.body.projectId}/influencers`, { gender: "non_binary" });
    assert.equal((await a.get(`/v1/influencers/${m.body.influencerId}`)).body.gender, "male");
    const fr = (await a.get(`/v1/influencers/${f.body.influencerId}`)).body;
    assert.equal(fr.gender, "female");
    assert.equal(fr.ageRange, "young_adult");
    assert.equal((await a.get(`/v1/influencers/${nb.body.influencerId}`)).body.gender, "nonbinary");
  });

  it("the generated persona is deterministic per influencer and the portrait URLs serve SVG without a key", async () => {
    const { influencerId } = await createReady(emu);
    const r = (await a.get(`/v1/influencers/${influencerId}`)).body;
    const thumb = await fetch(r.thumbnailUrl);
    assert.equal(thumb.status, 200);
    assert.match(thumb.headers.get("content-type") ?? "", /^image\/svg\+xml/);
    const svg = await thumb.text();
    assert.match(svg, /^<svg /);
    assert.equal(await (await fetch(r.thumbnailUrl)).text(), svg, "same image every time");
    const portrait = await fetch(r.referenceImages[0].url);
    assert.equal(portrait.status, 200);
    assert.match(await portrait.text(), /width="512"/);
    assert.equal((await fetch(`${emu.url}/media/influencers/inf_00000000000000000000000000/portrait.svg`)).status, 404);
  });

  it("PATCH updates, replaces personality as a whole, clears with null, reads back as written; empty body is a no-op", async () => {
    const { influencerId } = await createReady(emu);
    const path = `/v1/influencers/${influencerId}`;
    const before = (await a.get(path)).body;
    const noop = await a.patch(path, {});
    assert.equal(noop.status, 200);
    assert.equal(noop.body.updatedAt, before.updatedAt);
    const r = await a.patch(path, { name: "Ava Chen", gender: "non_binary", ageRange: "25-34", hairColor: null, language: "pt-BR", personality: { tone: "dry", traits: ["a"] } });
    assert.equal(r.status, 200);
    assert.equal(r.body.name, "Ava Chen");
    assert.equal(r.body.gender, "nonbinary");
    assert.equal(r.body.ageRange, "25-34");
    assert.equal(r.body.hairColor, null);
    assert.equal(r.body.language, "pt-BR");
    assert.deepEqual(r.body.personality, { tone: "dry", traits: ["a"] });
    assert.ok(r.body.updatedAt > before.updatedAt);
    const r2 = await a.patch(path, { personality: { humor: "deadpan" }, ageRange: "young_adult" });
    assert.deepEqual(r2.body.personality, { humor: "deadpan" }, "replaced, not merged");
    assert.equal(r2.body.ageRange, "young_adult");
    assert.deepEqual((await a.get(path)).body, r2.body);
    assert.equal((await a.patch(path, { personality: null })).body.personality, null);
  });

  it("PATCH refuses bad fields with fieldErrors and changes nothing", async () => {
    const { influencerId } = await createReady(emu);
    const path = `/v1/influencers/${influencerId}`;
    const before = (await a.get(path)).body;
    const cases: Array<[unknown, string]> = [
      [{ name: null }, "name"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(129) }, "name"],
      [{ gender: "robot" }, "gender"],
      [{ ageRange: "x".repeat(17) }, "ageRange"],
      [{ hairColor: "x".repeat(65) }, "hairColor"],
      [{ voiceDescription: "x".repeat(1025) }, "voiceDescription"],
      [{ language: "not a tag" }, "language"],
      [{ personality: { mood: "x" } }, "personality.mood"],
      [{ personality: { traits: Array(21).fill("a") } }, "personality.traits"],
      [{ personality: { traits: ["x".repeat(65)] } }, "personality.traits.0"],
      [{ personality: { tone: "x".repeat(257) } }, "personality.tone"],
      [{ prompt: "new" }, "prompt"],
      [{ style: 5, name: "ok" }, "style"],
    ];
    for (const [body, field] of cases) {
      const e = expectError(await a.patch(path, body), 422, "VALIDATION");
      assert.ok(e.details?.fieldErrors?.[field], `${JSON.stringify(body)} → fieldErrors.${field} in ${JSON.stringify(e.details)}`);
    }
    assert.deepEqual((await a.get(path)).body, before);
  });

  it("PATCH, reference images and clone are 409 while pending or training", async () => {
    await control(emu).fault({ path: `/v1/projects/*/influencers`, action: { type: "job-stuck" } });
    const r = await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    const id = r.body.influencerId;
    expectError(await a.patch(`/v1/influencers/${id}`, { name: "X" }), 409, "CONFLICT");
    expectError(await a.post(`/v1/influencers/${id}/reference-images`, { assetIds: ["med_00000000000000000000000000"] }), 409, "CONFLICT");
    expectError(await a.post(`/v1/influencers/${id}/clone`, {}), 409, "CONFLICT");
    assert.notEqual((await a.get(`/v1/influencers/${id}`)).body.name, "X");
  });

  it("DELETE soft-deletes with a reason; afterwards 404 everywhere, DELETE included; the state keeps it", async () => {
    const { influencerId } = await createReady(emu);
    const path = `/v1/influencers/${influencerId}`;
    const d = await a.delete(path, { reason: "Deleted by Pulumi stack demo/dev" });
    assert.equal(d.status, 200);
    assert.deepEqual(Object.keys(d.body).sort(), ["deletedAt", "influencerId", "status"]);
    assert.equal(d.body.status, "deleted");
    expectError(await a.get(path), 404, "NOT_FOUND");
    expectError(await a.patch(path, { name: "x" }), 404, "NOT_FOUND");
    expectError(await a.delete(path), 404, "NOT_FOUND");
    expectError(await a.post(`${path}/clone`, {}), 404, "NOT_FOUND");
    expectError(await a.post(`${path}/reference-images`, { assetIds: ["med_00000000000000000000000000"] }), 404, "NOT_FOUND");
    const list = await a.get(`/v1/projects/${emu.projectId}/influencers?limit=100`);
    assert.ok(!list.body.items.some((i: { influencerId: string }) => i.influencerId === influencerId));
    const stored = (await control(emu).state()).influencers.find((i: { influencerId: string }) => i.influencerId === influencerId);
    assert.equal(stored.deleteReason, "Deleted by Pulumi stack demo/dev");
    assert.equal(stored.deletedAt, d.body.deletedAt);
    expectError(await a.delete(`/v1/influencers/${(await createReady(emu)).influencerId}`, { reason: "x".repeat(513) }), 422, "VALIDATION");
  });

  it("DELETE without a body works and a job still running is canceled", async () => {
    await control(emu).config({ jobMs: 5000 });
    const r = await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    await control(emu).config({ jobMs: 90 });
    assert.equal((await a.call("DELETE", `/v1/influencers/${r.body.influencerId}`)).status, 200);
    const job = await a.get(`/v1/jobs/${r.body.jobId}`);
    assert.equal(job.body.status, "canceled");
    assert.equal(job.headers.get("retry-after"), null);
  });

  it("reference images: binds project media, drops ids that do not resolve, never duplicates", async () => {
    const { influencerId } = await createReady(emu);
    const m1 = await a.post(`/v1/projects/${emu.projectId}/media`, { url: "https://cdn.example.test/a.jpg" });
    const m2 = await a.post(`/v1/projects/${emu.projectId}/media`, { dataBase64: Buffer.from("png!").toString("base64"), contentType: "image/png" });
    const other = await a.post("/v1/projects", { name: "Other" });
    const foreign = await a.post(`/v1/projects/${other.body.projectId}/media`, { url: "https://cdn.example.test/b.jpg" });
    const path = `/v1/influencers/${influencerId}/reference-images`;
    const r = await a.post(path, { assetIds: [m1.body.assetId, "med_00000000000000000000000000", foreign.body.assetId, "junk"] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.referenceImages.slice(1).map((i: { assetId: string }) => i.assetId), [m1.body.assetId]);
    assert.equal(r.body.referenceImages[1].url, "https://cdn.example.test/a.jpg");
    const r2 = await a.post(path, { assetIds: [m2.body.assetId, m1.body.assetId] });
    assert.deepEqual(r2.body.referenceImages.slice(1).map((i: { assetId: string }) => i.assetId), [m1.body.assetId, m2.body.assetId]);
    assert.deepEqual((await a.get(`/v1/influencers/${influencerId}`)).body.referenceImages, r2.body.referenceImages);
    const bytes = await fetch(r2.body.referenceImages[2].url);
    assert.equal(bytes.headers.get("content-type"), "image/png");
    assert.equal(await bytes.text(), "png!");
    expectError(await a.post(path, { assetIds: [] }), 422, "VALIDATION");
    expectError(await a.post(path, { assetIds: Array(21).fill(m1.body.assetId) }), 422, "VALIDATION");
    expectError(await a.post(path, {}), 422, "VALIDATION");
  });

  it("clone: 202 envelope with a new id, copies the persona, applies overrides and name, becomes ready", async () => {
    const { influencerId } = await createReady(emu);
    await a.patch(`/v1/influencers/${influencerId}`, { style: "vintage", personality: { tone: "warm" } });
    const r = await a.post(`/v1/influencers/${influencerId}/clone`, { name: "Nova (B variant)", overrides: { personality: { humor: "dry" }, vibe: null } });
    assert.equal(r.status, 202);
    assert.equal(r.body.kind, "influencer_clone");
    assert.notEqual(r.body.influencerId, influencerId);
    const job = await waitJob(emu, r.body.jobId);
    assert.equal(job.status, "succeeded");
    const clone = (await a.get(`/v1/influencers/${r.body.influencerId}`)).body;
    assert.equal(clone.status, "ready");
    assert.equal(clone.name, "Nova (B variant)");
    assert.equal(clone.style, "vintage");
    assert.equal(clone.vibe, null);
    assert.deepEqual(clone.personality, { humor: "dry" });
    const chosen = "inf_01HX9Y6K7EJ4T2N0VAB0000000";
    const c2 = await a.post(`/v1/influencers/${influencerId}/clone`, { newInfluencerId: chosen });
    assert.equal(c2.body.influencerId, chosen);
    expectError(await a.post(`/v1/influencers/${influencerId}/clone`, { newInfluencerId: chosen }), 409, "CONFLICT");
    expectError(await a.post(`/v1/influencers/${influencerId}/clone`, { newInfluencerId: "mine" }), 422, "VALIDATION");
    expectError(await a.post(`/v1/influencers/${influencerId}/clone`, { overrides: { prompt: "x" } }), 422, "VALIDATION");
  });

  it("clone needs a ready source: a failed one is 409", async () => {
    await control(emu).fault({ path: `/v1/projects/${emu.projectId}/influencers`, action: { type: "job-fail" } });
    const { influencerId, job } = await createReady(emu);
    assert.equal(job.status, "failed");
    expectError(await a.post(`/v1/influencers/${influencerId}/clone`, {}), 409, "CONFLICT");
    assert.equal((await a.patch(`/v1/influencers/${influencerId}`, { name: "Retry" })).status, 200, "PATCH is allowed on failed");
  });
});
