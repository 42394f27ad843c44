// Over real sockets, the transport (http.ts) hands the limiter a round trip only from a read on
// a socket already open: a slow write (server work) or a new connection (handshakes) must not
// pass for distance, or a slow server would be answered with more requests at once.
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { AdaptiveLimiter, LayersClient } from "../../provider/client";

describe("client over HTTP: the limiter learns the API's distance from reads", function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let id: string;
  before(async () => {
    emu = await startEmulator({ host: "127.0.0.1", port: 0, jobMs: 10 });
    const setup = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey, limiter: null });
    id = (await setup.createInfluencer(emu.projectId, {}, { idempotencyKey: "distance-http" })).influencerId;
  });
  after(() => emu?.close());
  afterEach(() => fetch(`${emu.url}/_emulator/faults`, { method: "DELETE" }));

  const delay = (method: string, path: string, ms: number) =>
    fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method, path, times: 1000, action: { type: "delay", ms } }),
    });

  it("reads 100 ms away raise the cap of 2 in flight to 6", async () => {
    await delay("GET", "/v1/influencers/*", 100);
    const limiter = new AdaptiveLimiter();
    const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey, limiter });
    for (let i = 0; i < 3; i++) await client.getInfluencer(id);
    const { concurrency } = limiter.snapshot();
    assert.ok(concurrency >= 6 && concurrency <= 7, `${concurrency} in flight allowed`);
  });

  it("writes that take the server 100 ms teach nothing", async () => {
    await delay("POST", "/v1/projects/*/influencers", 100);
    const limiter = new AdaptiveLimiter();
    const client = new LayersClient({ baseUrl: emu.url, apiKey: emu.apiKey, limiter });
    for (let i = 0; i < 3; i++) await client.createInfluencer(emu.projectId, {}, { idempotencyKey: `distance-http-write-${i}` });
    assert.strictEqual(limiter.snapshot().concurrency, 2);
  });
});
