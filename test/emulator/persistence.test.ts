// --data: every accepted write survives a restart (influencers, deletes, media, orgs and
// their keys, idempotency records), a job in flight across a restart still finishes, the
// file holds key hashes only, and a corrupt or torn file stops the start with a clear error.
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createApp, DataFileError, startEmulator } from "../../emulator";
import { api, control, createReady, expectError, waitJob } from "./support";

describe("emulator: persistence with --data", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "layers-emu-"));
    file = path.join(dir, "state.json");
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const boot = (jobMs = 40) => startEmulator({ host: "127.0.0.1", port: 0, jobMs, dataFile: file });

  it("keeps every accepted write across a restart, on a new port", async () => {
    const one = await boot();
    const a = api(one);
    const kept = await createReady(one);
    await a.patch(`/v1/influencers/${kept.influencerId}`, { name: "Kept", personality: { tone: "dry" } });
    const gone = await createReady(one);
    await a.delete(`/v1/influencers/${gone.influencerId}`, { reason: "bye" });
    const media = await a.post(`/v1/projects/${one.projectId}/media`, { dataBase64: "aGk=", contentType: "image/png" });
    await a.post(`/v1/influencers/${kept.influencerId}/reference-images`, { assetIds: [media.body.assetId] });
    const org = await control(one).org({ name: "Second", scopes: ["projects:write"] });
    const theirProject = await api(one, org.apiKey).post("/v1/projects", { name: "Theirs" });
    const replayable = await a.post(`/v1/projects/${one.projectId}/influencers`, {}, { idempotencyKey: "survives" });
    const before = await a.get(`/v1/influencers/${kept.influencerId}`);
    await one.close();

    const two = await boot();
    try {
      const b = api(two);
      assert.equal(two.projectId, one.projectId, "same default project");
      assert.notEqual(two.url, one.url);
      const after = await b.get(`/v1/influencers/${kept.influencerId}`);
      assert.deepEqual(after.body, JSON.parse(before.text.split(one.url).join(two.url)), "same record (media URLs follow the new port)");
      assert.equal(after.body.name, "Kept");
      expectError(await b.get(`/v1/influencers/${gone.influencerId}`), 404, "NOT_FOUND");
      const stored = (await control(two).state()).influencers.find((i: { influencerId: string }) => i.influencerId === gone.influencerId);
      assert.equal(stored.deleteReason, "bye");
      assert.equal(await (await fetch(after.body.referenceImages[1].url)).text(), "hi");
      assert.equal((await api(two, org.apiKey).get(`/v1/projects/${theirProject.body.projectId}`)).status, 200, "the second org's key still works");
      expectError(await api(two, org.apiKey).get(`/v1/influencers/${kept.influencerId}`), 403, "FORBIDDEN_SCOPE");
      const again = await b.post(`/v1/projects/${two.projectId}/influencers`, {}, { idempotencyKey: "survives" });
      assert.equal(again.text, replayable.text);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
    } finally {
      await two.close();
    }
  });

  it("a job in flight across a restart still finishes, at its original instant", async () => {
    const one = await boot(600);
    const r = await api(one).post(`/v1/projects/${one.projectId}/influencers`, {});
    await one.close();
    const two = await boot(40);
    try {
      const pending = await api(two).get(`/v1/jobs/${r.body.jobId}`);
      assert.equal(pending.body.status, "running");
      const job = await waitJob(two, r.body.jobId);
      assert.equal(job.status, "succeeded");
      assert.equal(Date.parse(job.completedAt) - Date.parse(job.createdAt), 600);
      assert.equal((await api(two).get(`/v1/influencers/${r.body.influencerId}`)).body.status, "ready");
    } finally {
      await two.close();
    }
  });

  it("the file holds SHA-256 hashes of keys, never a key, and no temp file is left behind", async () => {
    const emu = await startEmulator({ host: "127.0.0.1", port: 0, dataFile: file, apiKey: "lyr_test_secret_default" });
    const org = await control(emu).org();
    await api(emu, org.apiKey).post("/v1/projects", { name: "x" });
    await emu.close();
    const text = await fs.readFile(file, "utf8");
    assert.ok(!text.includes("lyr_test_secret_default"));
    assert.ok(!text.includes(org.apiKey));
    assert.equal(JSON.parse(text).keys.length, 2);
    assert.deepEqual(await fs.readdir(dir), ["state.json"]);
  });

  it("removes temp files a killed emulator left behind, not those of a live process", async () => {
    const deadPid = 2 ** 22 + 7; // above Linux's pid_max: never a running process
    await fs.writeFile(path.join(dir, `.state.json.${deadPid}.tmp`), "{half");
    await fs.writeFile(path.join(dir, `.state.json.${process.ppid}.tmp`), "{busy");
    const emu = await boot();
    await emu.close();
    assert.deepEqual((await fs.readdir(dir)).sort(), [`.state.json.${process.ppid}.tmp`, "state.json"]);
  });

  it("another --api-key on an existing file joins the default org", async () => {
    const one = await boot();
    const { influencerId } = await createReady(one);
    await one.close();
    const two = await startEmulator({ host: "127.0.0.1", port: 0, dataFile: file, apiKey: "lyr_test_another_key" });
    try {
      assert.equal((await api(two).get(`/v1/influencers/${influencerId}`)).status, 200);
    } finally {
      await two.close();
    }
  });

  it("a corrupt, torn or foreign file stops the start with a clear error and is left untouched", async () => {
    const one = await boot();
    await createReady(one);
    await one.close();
    const good = await fs.readFile(file, "utf8");
    const bad = [good.slice(0, Math.floor(good.length / 2)), "", "{}", JSON.stringify({ ...JSON.parse(good), version: 9 }), "[1,2,3]",
      JSON.stringify({ ...JSON.parse(good), influencers: null })];
    for (const text of bad) {
      await fs.writeFile(file, text);
      await assert.rejects(createApp({ dataFile: file }), (e: Error) => e instanceof DataFileError && e.message.includes(file) && /move the file away/.test(e.message));
      assert.equal(await fs.readFile(file, "utf8"), text, "the file is not overwritten");
    }
  });
});
