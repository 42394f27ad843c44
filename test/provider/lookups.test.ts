// getInfluencers / getInfluencer (and their Output forms) in a program process under
// Pulumi's mocks, against the emulator: every page followed, newest first, settings from
// stack config or the environment, clear errors before any API call, no key in results.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { controlClient, dashboard, layers } from "./support";

const PERSONAS = 230; // three pages of 100, the largest page the API serves

describe("look-ups: getInfluencers and getInfluencer", function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  let control: ReturnType<typeof controlClient>;
  const saved = { key: process.env.LAYERS_API_KEY, url: process.env.LAYERS_BASE_URL };

  const program = async (config: Record<string, string>, preview = false) => {
    pulumi.runtime.setAllConfig(config, Object.keys(config).filter((k) => k === "layers:apiKey"));
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "lookups", "dev", preview);
  };
  const stackConfig = () => ({ "layers:apiKey": emu.apiKey, "layers:baseUrl": emu.url });
  const listRequests = async () => (await control.requests()).filter((r) => r.method === "GET" && r.path.startsWith(`/v1/projects/${emu.projectId}/influencers`));

  before(async () => {
    delete process.env.LAYERS_API_KEY;
    delete process.env.LAYERS_BASE_URL;
    emu = await startEmulator({ port: 0, jobMs: 30 });
    control = controlClient(emu.url);
    const api = dashboard(emu);
    for (let i = 0; i < PERSONAS; i += 23) {
      await Promise.all(Array.from({ length: Math.min(23, PERSONAS - i) }, () => api.post(`/projects/${emu.projectId}/influencers`, {})));
    }
    await new Promise((r) => setTimeout(r, 100)); // every generation done: all ready
  });
  after(async () => {
    Object.assign(process.env, saved.key ? { LAYERS_API_KEY: saved.key } : {}, saved.url ? { LAYERS_BASE_URL: saved.url } : {});
    await emu?.close();
  });

  it("getInfluencers follows every page: all personas, newest first as the API orders them, one request per page", async () => {
    await program(stackConfig());
    await control.clearRequests();
    const res = await layers().getInfluencers({ projectId: emu.projectId });
    assert.equal(res.projectId, emu.projectId);
    assert.equal(res.influencers.length, PERSONAS);
    const rows = (await control.state()).influencers.filter((r) => r.projectId === emu.projectId && !r.deletedAt);
    const newestFirst = [...rows].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || String(b.influencerId).localeCompare(String(a.influencerId)));
    assert.deepEqual(res.influencers.map((i) => i.influencerId), newestFirst.map((r) => r.influencerId));
    assert.deepEqual(Object.keys(res.influencers[0]).sort(), ["ageRange", "createdAt", "gender", "influencerId", "name", "status", "thumbnailUrl"]);
    const pages = await listRequests();
    assert.equal(pages.length, Math.ceil(PERSONAS / 100));
    assert.ok(!JSON.stringify(res).includes(emu.apiKey), "no key in the result");
  });

  it("filters by status, and a deleted persona is not listed", async () => {
    await program(stackConfig());
    const api = dashboard(emu);
    await control.config({ jobMs: 10_000 });
    const young = (await api.post(`/projects/${emu.projectId}/influencers`, {})).data.influencerId as string;
    await control.config({ jobMs: 30 });
    const all = await layers().getInfluencers({ projectId: emu.projectId });
    const ready = await layers().getInfluencers({ projectId: emu.projectId, status: "ready" });
    assert.ok(all.influencers.some((i) => i.influencerId === young));
    assert.ok(!ready.influencers.some((i) => i.influencerId === young), "still generating: not ready");
    assert.ok(ready.influencers.every((i) => i.status === "ready"));
    const victim = ready.influencers[5].influencerId;
    await api.delete(`/influencers/${victim}`);
    assert.ok(!(await layers().getInfluencers({ projectId: emu.projectId })).influencers.some((i) => i.influencerId === victim));
  });

  it("getInfluencer returns the full record; an unknown id is a clear error", async () => {
    await program(stackConfig());
    const [first] = (await layers().getInfluencers({ projectId: emu.projectId, status: "ready" })).influencers;
    const record = await layers().getInfluencer({ influencerId: first.influencerId });
    assert.equal(record.influencerId, first.influencerId);
    assert.equal(record.projectId, emu.projectId);
    for (const key of ["personality", "referenceImages", "hairColor", "updatedAt"]) assert.ok(key in record, key);
    await assert.rejects(layers().getInfluencer({ influencerId: "inf_01HX9Y6K7EJ4T2ABCDEFGHJKMN" }), /layers\.getInfluencer: influencer inf_01HX9Y6K7EJ4T2ABCDEFGHJKMN does not exist/);
  });

  it("the Output forms wait for their inputs and run in a preview too", async () => {
    await program(stackConfig(), true);
    await control.clearRequests();
    const projectId = pulumi.output(Promise.resolve(emu.projectId));
    const listed = await new Promise<number>((done) => layers().getInfluencersOutput({ projectId, status: "ready" }).apply((r) => done(r.influencers.length)));
    assert.ok(listed >= PERSONAS - 1);
    const one = await new Promise<string>((done) =>
      layers().getInfluencerOutput({ influencerId: layers().getInfluencersOutput({ projectId }).apply((r) => r.influencers[0].influencerId) }).apply((r) => done(r.projectId)),
    );
    assert.equal(one, emu.projectId);
    assert.ok((await listRequests()).length >= 3, "the preview called the API");
  });

  it("reads the environment when stack config has no key, and says how to set one when neither has", async () => {
    await program({});
    await assert.rejects(layers().getInfluencers({ projectId: emu.projectId }), /layers\.getInfluencers: The Layers API key is not set\. Set it for the stack with `pulumi config set --secret layers:apiKey <key>`/);
    process.env.LAYERS_API_KEY = emu.apiKey;
    process.env.LAYERS_BASE_URL = emu.url;
    try {
      assert.ok((await layers().getInfluencers({ projectId: emu.projectId, status: "ready" })).influencers.length > 0);
    } finally {
      delete process.env.LAYERS_API_KEY;
      delete process.env.LAYERS_BASE_URL;
    }
  });

  it("bad arguments are refused before any API call; API errors name the call without the key", async () => {
    await program(stackConfig());
    await control.clearRequests();
    await assert.rejects(layers().getInfluencers({ projectId: "my-project" }), /layers\.getInfluencers: projectId must be a Layers project id \(a UUID\) \(got "my-project"\)/);
    await assert.rejects(layers().getInfluencers({ projectId: emu.projectId, status: "done" as never }), /status must be one of draft, pending, training, ready, failed/);
    await assert.rejects(layers().getInfluencer({ influencerId: "ava" }), /influencerId must be an influencer id/);
    assert.deepEqual(await control.requests(), []);
    await program({ "layers:apiKey": "lyr_wrong_key_123", "layers:baseUrl": emu.url });
    const err = await layers().getInfluencers({ projectId: emu.projectId }).then(() => assert.fail("listed with a wrong key"), (e: Error) => e);
    assert.match(err.message, /GET \/v1\/projects\/[0-9a-f-]+\/influencers\?limit=100 -> 401 UNAUTHENTICATED/);
    assert.ok(!err.message.includes("lyr_wrong_key_123"));
  });
});
