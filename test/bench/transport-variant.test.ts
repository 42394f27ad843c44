// The bench's engine-transport diagnostic measures "the provider without axios": these check
// that its preload really takes axios (and the fetch implementation axios makes Node load) out
// of a process while the client keeps working, so the section measures what it says.
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { startEmulator, type RunningEmulator } from "../../emulator";

const ROOT = path.resolve(__dirname, "..", "..");
const PRELOAD = path.join(ROOT, "bench", "provider", "transport-variant-preload.js");

// Runs in a fresh node: three calls through the built client, then what the process loaded.
const PROBE = `
const client = require(${JSON.stringify(path.join(ROOT, "dist", "provider", "client"))});
const axiosFile = require.resolve("axios", { paths: [${JSON.stringify(path.join(ROOT, "dist", "provider", "client"))}] });
(async () => {
  const c = new client.LayersClient({ baseUrl: process.env.BASE_URL, apiKey: process.env.API_KEY, maxRetries: 0, limiter: null });
  const project = await c.getProject(process.env.PROJECT_ID);
  const missing = await c.getInfluencer("inf_00000000000000000000000000").then(() => "found", (e) => (client.isNotFound(e) ? "not found" : String(e)));
  const closed = new client.LayersClient({ baseUrl: "http://127.0.0.1:1", apiKey: "k", maxRetries: 0, limiter: null });
  const refused = await closed.getProject("p").then(() => "answered", (e) => e.constructor.name + " " + e.code);
  console.log(JSON.stringify({
    project: project.projectId === process.env.PROJECT_ID,
    missing,
    refused,
    realAxios: typeof require.cache[axiosFile]?.exports?.VERSION === "string",
    undici: process.moduleLoadList.some((m) => m.includes("undici")),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function probe(emulator: RunningEmulator, variant: boolean) {
  const { stdout } = await promisify(execFile)(process.execPath, [...(variant ? ["--require", PRELOAD] : []), "-e", PROBE], {
    env: { ...process.env, BASE_URL: emulator.url, API_KEY: emulator.apiKey, PROJECT_ID: emulator.projectId, BENCH_TRANSPORT_VARIANT: variant ? "node-http" : "" },
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
}

describe("bench: the engine-transport diagnostic (transport-variant-preload.js)", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  });
  after(() => emulator.close());

  it("takes axios and Node's fetch implementation out of the process, and the client still reads, maps a 404 and a refused connection", async () => {
    assert.deepStrictEqual(await probe(emulator, true), {
      project: true,
      missing: "not found",
      refused: "APIConnectionError ECONNREFUSED",
      realAxios: false,
      undici: false,
    });
  });

  it("without the variant the same process loads axios and the fetch implementation (what the diagnostic takes out)", async () => {
    const plain = await probe(emulator, false);
    assert.deepStrictEqual(plain, { project: true, missing: "not found", refused: "APIConnectionError ECONNREFUSED", realAxios: true, undici: true });
  });
});
