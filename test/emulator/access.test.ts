// Keys, scopes and org isolation: 401 without a valid key, 403 without the scope, and
// another org's projects, influencers and jobs look exactly like unknown ids (404).
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, control, createReady, expectError, start } from "./support";

describe("emulator: keys, scopes and org isolation", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());

  it("401 UNAUTHENTICATED without a key, with an unknown key or a malformed header; X-Api-Key works too", async () => {
    const path = `/v1/projects/${emu.projectId}`;
    expectError(await api(emu, null).get(path), 401, "UNAUTHENTICATED");
    expectError(await api(emu, "lyr_nope").get(path), 401, "UNAUTHENTICATED");
    expectError(await api(emu, null).get(path, { headers: { authorization: `Basic ${emu.apiKey}` } }), 401, "UNAUTHENTICATED");
    expectError(await api(emu, null).get(path, { headers: { authorization: "Bearer" } }), 401, "UNAUTHENTICATED");
    assert.equal((await api(emu, null).get(path, { headers: { "x-api-key": emu.apiKey } })).status, 200);
    assert.equal((await api(emu, null).get(path, { headers: { authorization: `bearer ${emu.apiKey}` } })).status, 200);
  });

  it("403 FORBIDDEN_SCOPE for a key without the scope, on every kind of endpoint; nothing is created", async () => {
    const projOnly = await control(emu).org({ scopes: ["projects:write"] });
    const infOnly = await control(emu).org({ scopes: ["influencers:write"] });
    const p = api(emu, projOnly.apiKey);
    const i = api(emu, infOnly.apiKey);
    const project = (await p.post("/v1/projects", { name: "Scoped" })).body.projectId;
    expectError(await p.post(`/v1/projects/${project}/influencers`, {}), 403, "FORBIDDEN_SCOPE");
    expectError(await p.get(`/v1/projects/${project}/influencers`), 403, "FORBIDDEN_SCOPE");
    expectError(await p.get("/v1/influencers/inf_00000000000000000000000000"), 403, "FORBIDDEN_SCOPE");
    expectError(await p.get("/v1/jobs/job_00000000000000000000000000"), 403, "FORBIDDEN_SCOPE");
    expectError(await p.post(`/v1/projects/${project}/media`, { url: "https://x.test/a" }), 403, "FORBIDDEN_SCOPE");
    expectError(await i.post("/v1/projects", { name: "Nope" }), 403, "FORBIDDEN_SCOPE");
    expectError(await i.get(`/v1/projects/${project}`), 403, "FORBIDDEN_SCOPE");
    const state = await control(emu).state();
    assert.equal(state.projects.filter((x: { name: string }) => x.name === "Nope").length, 0);
    assert.equal(state.influencers.filter((x: { projectId: string }) => x.projectId === project).length, 0);
  });

  it("another org's ids are 404 in both directions, for every endpoint, and change nothing", async () => {
    const other = await control(emu).org({ name: "Other" });
    const mine = api(emu);
    const theirs = api(emu, other.apiKey);
    const theirProject = (await theirs.post("/v1/projects", { name: "Theirs" })).body.projectId;
    const theirInf = await createReady(emu, theirProject, {}, other.apiKey);
    const myInf = await createReady(emu);

    for (const [client, projectId, inf] of [[mine, theirProject, theirInf], [theirs, emu.projectId, myInf]] as const) {
      expectError(await client.get(`/v1/projects/${projectId}`), 404, "NOT_FOUND");
      expectError(await client.get(`/v1/projects/${projectId}/influencers`), 404, "NOT_FOUND");
      expectError(await client.post(`/v1/projects/${projectId}/influencers`, {}), 404, "NOT_FOUND");
      expectError(await client.post(`/v1/projects/${projectId}/media`, { url: "https://x.test/a" }), 404, "NOT_FOUND");
      expectError(await client.get(`/v1/influencers/${inf.influencerId}`), 404, "NOT_FOUND");
      expectError(await client.patch(`/v1/influencers/${inf.influencerId}`, { name: "Hijack" }), 404, "NOT_FOUND");
      expectError(await client.delete(`/v1/influencers/${inf.influencerId}`), 404, "NOT_FOUND");
      expectError(await client.post(`/v1/influencers/${inf.influencerId}/clone`, {}), 404, "NOT_FOUND");
      expectError(await client.post(`/v1/influencers/${inf.influencerId}/reference-images`, { assetIds: ["med_00000000000000000000000000"] }), 404, "NOT_FOUND");
      expectError(await client.get(`/v1/jobs/${inf.jobId}`), 404, "NOT_FOUND");
    }
    assert.notEqual((await theirs.get(`/v1/influencers/${theirInf.influencerId}`)).body.name, "Hijack");
    assert.notEqual((await mine.get(`/v1/influencers/${myInf.influencerId}`)).body.name, "Hijack");
    assert.equal((await theirs.get(`/v1/projects/${theirProject}/influencers`)).body.items.length, 1);
  });

  it("the same foreign id and a never-issued id give the same answer (no existence oracle)", async () => {
    const other = await control(emu).org();
    const inf = await createReady(emu);
    const foreign = await api(emu, other.apiKey).get(`/v1/influencers/${inf.influencerId}`);
    const unknown = await api(emu, other.apiKey).get("/v1/influencers/inf_00000000000000000000000000");
    assert.equal(foreign.status, unknown.status);
    assert.equal(foreign.body.error.message, unknown.body.error.message);
  });
});
