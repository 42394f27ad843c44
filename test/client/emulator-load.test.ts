// Issue 5's concurrency requirement over real sockets: many creates (POST, job polls, GET),
// issued at once from one process, each with its own client, against an emulator key limited
// to 10 req/s. None may fail. Small by default; CLIENT_LOAD_CREATES=200 runs the full size.
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { LayersClient, limiterFor, resetLimiters } from "../../provider/client";

const CREATES = Number(process.env.CLIENT_LOAD_CREATES ?? 20);
const RATE = 10;

describe("client under a 10 req/s key (emulator)", function () {
  this.timeout(Math.max(30_000, CREATES * 2_000));
  let emulator: RunningEmulator | undefined;

  before(async () => {
    emulator = await startEmulator({ rateLimit: RATE, jobMs: 1500 });
    resetLimiters();
  });
  after(async () => {
    await emulator?.close();
    resetLimiters();
  });

  it(`${CREATES} concurrent creates all succeed`, async () => {
    const emu = emulator!;
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: CREATES }, async (_, i) => {
        const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey });
        const accepted = await client.createInfluencer(emu.projectId, { prompt: `load ${i}` }, { idempotencyKey: `load-${started}-${i}` });
        await client.waitForJob(accepted.jobId, { deadlineMs: 600_000 });
        const record = await client.getInfluencer(accepted.influencerId);
        assert.strictEqual(record.status, "ready");
        return client.stats;
      }),
    );
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    const log = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as Array<{ status: number | null }> | { requests: Array<{ status: number | null }> };
    const entries = Array.isArray(log) ? log : log.requests;
    const limited = entries.filter((e) => e.status === 429).length;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `    load: ${CREATES} creates, ${failed.length} failed, ${entries.length} requests, ${limited} x 429 ` +
        `(${((100 * limited) / entries.length).toFixed(1)} %), ${(entries.length / seconds).toFixed(1)} req/s over ${seconds.toFixed(1)} s, ` +
        `limiter rate now ${limiterFor(emu.url).snapshot().rate.toFixed(1)}`,
    );
    assert.deepStrictEqual(failed.map((f) => String(f.reason)), []);
    assert.ok(limited / entries.length < 0.05, `${limited} of ${entries.length} requests were rate limited`);
  });
});
