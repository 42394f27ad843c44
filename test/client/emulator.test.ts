// The client against the Layers emulator: create -> waitForJob -> get -> patch -> bind ->
// delete, counting the requests each operation cost from the emulator's own request log.
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { isNotFound, JobFailedError, LayersClient, resetLimiters } from "../../provider/client";

type LogEntry = { method?: string; path?: string; url?: string; [k: string]: unknown };

async function requestLog(url: string): Promise<LogEntry[]> {
  const res = await fetch(`${url}/_emulator/requests`);
  assert.strictEqual(res.status, 200, "GET /_emulator/requests");
  const body = (await res.json()) as LogEntry[] | { requests?: LogEntry[]; items?: LogEntry[] };
  return Array.isArray(body) ? body : (body.requests ?? body.items ?? []);
}

const routeOf = (e: LogEntry) => `${e.method ?? "?"} ${String(e.path ?? e.url ?? "?").split("?")[0]}`;

describe("client against the emulator", function () {
  let emulator: RunningEmulator | undefined;

  before(async () => {
    emulator = await startEmulator();
    resetLimiters();
  });
  after(async () => {
    await emulator?.close();
    resetLimiters();
  });

  it("runs a persona's whole life with a bounded number of requests per operation", async () => {
    const emu = emulator!;
    const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey });
    const counts: Record<string, string[]> = {};
    let seen = (await requestLog(emu.url)).length;
    const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const out = await fn();
      const log = await requestLog(emu.url);
      counts[name] = log.slice(seen).map(routeOf).filter((r) => !r.includes("/_emulator/"));
      seen = log.length;
      return out;
    };

    const key = `client-it-${Date.now()}`;
    const accepted = await step("create", () => client.createInfluencer(emu.projectId, { gender: "female", prompt: "barista energy" }, { idempotencyKey: key }));
    assert.strictEqual(accepted.replayed, false);
    const job = await step("waitForJob", () => client.waitForJob(accepted.jobId, { deadlineMs: 60_000 }));
    assert.strictEqual(job.status, "succeeded");
    const replay = await step("create replay", () => client.createInfluencer(emu.projectId, { gender: "female", prompt: "barista energy" }, { idempotencyKey: key }));
    assert.deepStrictEqual([replay.replayed, replay.influencerId, replay.jobId], [true, accepted.influencerId, accepted.jobId]);

    const ready = await step("get", () => client.getInfluencer(accepted.influencerId));
    assert.strictEqual(ready.status, "ready");
    const patched = await step("patch", () => client.patchInfluencer(accepted.influencerId, { name: "Ava Chen", personality: { traits: ["curious"] } }));
    assert.strictEqual(patched.name, "Ava Chen");
    const media = await step("upload", () => client.uploadMedia(emu.projectId, { url: "https://example.com/ava.png" }));
    const bound = await step("bind", () => client.bindReferenceImages(accepted.influencerId, [media.assetId]));
    assert.ok(bound.referenceImages.some((r) => r.assetId === media.assetId), "the bound asset is listed");
    const deleted = await step("delete", () => client.deleteInfluencer(accepted.influencerId, "client integration test"));
    assert.strictEqual(deleted.status, "deleted");
    const gone = await step("get after delete", () => client.getInfluencer(accepted.influencerId).catch((e) => e));
    assert.ok(isNotFound(gone));

    console.log(`    requests per operation: ${Object.entries(counts).map(([k, v]) => `${k}=${v.length}`).join(", ")}`);
    for (const name of ["create", "create replay", "get", "patch", "upload", "bind", "delete", "get after delete"]) {
      assert.strictEqual(counts[name].length, 1, `${name}: ${counts[name].join(", ")}`);
    }
    assert.ok(counts.waitForJob.length >= 1 && counts.waitForJob.length <= 12, `waitForJob polled ${counts.waitForJob.length} times`);
    assert.ok(counts.waitForJob.every((r) => r === `GET /v1/jobs/${accepted.jobId}`));

    const stored = JSON.stringify(await requestLog(emu.url));
    assert.ok(!stored.includes(emu.apiKey), "the emulator's request log must not store the API key");
  });

  async function addFault(url: string, rule: unknown): Promise<void> {
    const res = await fetch(`${url}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(rule) });
    assert.ok(res.status < 300, `installing fault: ${res.status} ${await res.text()}`);
  }

  it("a create whose response is lost after it was applied, then a 503, yields exactly one persona", async () => {
    const emu = emulator!;
    const createPath = `/v1/projects/${emu.projectId}/influencers`;
    await addFault(emu.url, { method: "POST", path: createPath, times: 1, action: { type: "reset", when: "after" } });
    await addFault(emu.url, { method: "POST", path: createPath, times: 1, action: { type: "status", status: 503 } });
    const before = (await requestLog(emu.url)).length;
    const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey });
    const key = `client-fault-${Date.now()}`;
    const accepted = await client.createInfluencer(emu.projectId, { prompt: "fault test" }, { idempotencyKey: key });
    const posts = (await requestLog(emu.url)).slice(before).filter((e) => e.method === "POST");
    assert.ok(posts.length >= 3, `attempts: ${posts.map((p) => p.status).join(", ")}`);
    assert.ok(posts.every((p) => p.idempotencyKey === key), "one key across every attempt");
    assert.strictEqual(accepted.replayed, true, "the persona made by the lost attempt is the one returned");
    const page = await client.listInfluencers(emu.projectId, { limit: 100 });
    assert.strictEqual(page.items.filter((i) => i.influencerId === accepted.influencerId).length, 1);
    await client.waitForJob(accepted.jobId, { deadlineMs: 60_000 });
  });

  it("a failed generation job surfaces as JobFailedError with the influencer id", async () => {
    const emu = emulator!;
    await addFault(emu.url, { method: "POST", path: `/v1/projects/${emu.projectId}/influencers`, times: 1, action: { type: "job-fail" } });
    const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey });
    const accepted = await client.createInfluencer(emu.projectId, {}, { idempotencyKey: `client-jobfail-${Date.now()}` });
    const e = await client.waitForJob(accepted.jobId, { deadlineMs: 60_000 }).catch((err) => err);
    assert.ok(e instanceof JobFailedError, String(e));
    assert.strictEqual(e.influencerId, accepted.influencerId);
    assert.ok(e.code, "carries the job's error code");
  });

  it("the second of two creates in one client polls its job twice, within the same lag, having seen the first finish", async () => {
    const emu = await startEmulator({ jobMs: 1500 });
    try {
      const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey });
      const createAndWait = async (n: number) => {
        const before = (await requestLog(emu.url)).length;
        const accepted = await client.createInfluencer(emu.projectId, { prompt: `history ${n}` }, { idempotencyKey: `client-history-${n}-${Date.now()}` });
        const job = await client.waitForJob(accepted.jobId, { deadlineMs: 60_000 });
        const polls = (await requestLog(emu.url)).slice(before).filter((e) => e.method === "GET" && String(e.path).startsWith("/v1/jobs/"));
        const lagMs = Date.parse(String(polls[polls.length - 1].at)) - Date.parse(job.completedAt!);
        return { accepted, polls: polls.length, lagMs };
      };
      const first = await createAndWait(1);
      const second = await createAndWait(2);
      assert.ok(first.polls >= 5, `the first create knows nothing yet: ${first.polls} polls`);
      assert.ok(second.polls <= 3, `the second waits out the first one's time: ${second.polls} polls`);
      // The aim is 150 ms for a 1.5 s job. The bound here adds a poll's round trip on a busy
      // shared machine; a poll aimed at the job's end may be logged (on arrival) a few ms
      // before the job's completedAt that its handler then saw pass.
      for (const { lagMs } of [first, second]) assert.ok(lagMs >= -20 && lagMs <= 300, `detection lag ${lagMs} ms`);

      // Another process's job, replayed here: it may have started long before, so it is
      // polled at once, though this client knows how long such jobs take.
      const key = `client-history-replay-${Date.now()}`;
      const started = await new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey }).createInfluencer(emu.projectId, { prompt: "history 3" }, { idempotencyKey: key });
      const replayed = await client.createInfluencer(emu.projectId, { prompt: "history 3" }, { idempotencyKey: key });
      assert.deepStrictEqual([replayed.replayed, replayed.jobId], [true, started.jobId]);
      const waitFrom = Date.now();
      const before = (await requestLog(emu.url)).length;
      await client.waitForJob(replayed.jobId, { deadlineMs: 60_000 });
      const firstPoll = (await requestLog(emu.url)).slice(before).find((e) => e.method === "GET" && String(e.path).startsWith("/v1/jobs/"));
      assert.ok(Date.parse(String(firstPoll!.at)) - waitFrom < 500, "the first poll is not held back");
    } finally {
      await emu.close();
    }
  });
});

