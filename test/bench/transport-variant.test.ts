// The bench's engine-transport diagnostic measures "the provider without axios": these check
// that its preload really takes axios (and the fetch implementation axios makes Node load) out
// of a process while the client keeps working, so the section measures what it says.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { startEmulator, type RunningEmulator } from "../../emulator";

const ROOT = path.resolve(__dirname, "..", "..");
const PRELOAD = path.join(ROOT, "bench", "provider", "transport-variant-preload.js");

// Runs in a fresh node: calls through the built client (a read, a 404, a POST with a body, a
// refused connection, a server that never answers), two reads straight through the module the
// client takes as axios, then what the process loaded.
const PROBE = `
const client = require(${JSON.stringify(path.join(ROOT, "dist", "provider", "client"))});
const axiosFile = require.resolve("axios", { paths: [${JSON.stringify(path.join(ROOT, "dist", "provider", "client"))}] });
(async () => {
  const c = new client.LayersClient({ baseUrl: process.env.BASE_URL, apiKey: process.env.API_KEY, maxRetries: 0, limiter: null });
  const project = await c.getProject(process.env.PROJECT_ID);
  const missing = await c.getInfluencer("inf_00000000000000000000000000").then(() => "found", (e) => (client.isNotFound(e) ? "not found" : String(e)));
  const closed = new client.LayersClient({ baseUrl: "http://127.0.0.1:1", apiKey: "k", maxRetries: 0, limiter: null, timeoutMs: 2000 });
  const refused = await closed.getProject("p").then(() => "answered", (e) => e.constructor.name + " " + e.code);
  const silent = new client.LayersClient({ baseUrl: process.env.HANG_URL, apiKey: "k", maxRetries: 0, limiter: null, timeoutMs: 300 });
  const hung = await silent.getProject("p").then(() => "answered", (e) => e.constructor.name + " " + e.code);
  const created = await c.createProject({ name: "probe ✓" }, { idempotencyKey: "probe-1" });
  const ax = require(axiosFile).create({ baseURL: process.env.BASE_URL, validateStatus: () => true, responseType: "text", transformResponse: [(d) => d] });
  const get = () => ax.request({ method: "GET", url: "/v1/projects/" + process.env.PROJECT_ID, headers: { Authorization: "Bearer " + process.env.API_KEY } });
  const first = await get();
  const second = await get();
  console.log(JSON.stringify({
    project: project.projectId === process.env.PROJECT_ID,
    missing,
    refused,
    hung,
    posted: created.name,
    direct: [first.status, JSON.parse(first.data).projectId === process.env.PROJECT_ID, second.request.reusedSocket],
    realAxios: typeof require.cache[axiosFile]?.exports?.VERSION === "string",
    undici: process.moduleLoadList.some((m) => m.includes("undici")),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const EXPECTED = {
  project: true,
  missing: "not found",
  refused: "APIConnectionError ECONNREFUSED",
  hung: "APIConnectionTimeoutError ETIMEDOUT",
  posted: "probe ✓",
  direct: [200, true, true],
};

async function probe(emulator: RunningEmulator, hangUrl: string, variant: boolean) {
  const mark = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "transport-variant-")), "mark");
  const { stdout } = await promisify(execFile)(process.execPath, [...(variant ? ["--require", PRELOAD] : []), "-e", PROBE], {
    env: {
      ...process.env,
      BASE_URL: emulator.url,
      API_KEY: emulator.apiKey,
      PROJECT_ID: emulator.projectId,
      HANG_URL: hangUrl,
      BENCH_TRANSPORT_VARIANT: variant ? "node-http" : "",
      BENCH_TRANSPORT_MARK: mark,
    },
  });
  const marked = fs.existsSync(mark);
  fs.rmSync(path.dirname(mark), { recursive: true, force: true });
  return { ...(JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>), marked };
}

describe("bench: the engine-transport diagnostic (transport-variant-preload.js)", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  // Accepts connections and never answers: the client's timeout has to end the request.
  const held: net.Socket[] = [];
  const silent = net.createServer((socket) => void held.push(socket));
  let hangUrl: string;
  before(async () => {
    emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    hangUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  });
  after(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await emulator.close();
  });

  it("takes axios and Node's fetch implementation out of the process and marks that it sent; the client reads, posts, and maps a 404, a refused connection and a timeout as with axios", async () => {
    assert.deepStrictEqual(await probe(emulator, hangUrl, true), { ...EXPECTED, realAxios: false, undici: false, marked: true });
  });

  it("without the variant the same calls give the same answers through the real axios, which loads the fetch implementation", async () => {
    assert.deepStrictEqual(await probe(emulator, hangUrl, false), { ...EXPECTED, realAxios: true, undici: true, marked: false });
  });
});
