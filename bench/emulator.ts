// Load benchmark of the emulator: starts the built `layers-emulator` bin in its own process
// (so the load generator does not share its event loop), then runs autocannon against
//   GET  /v1/influencers/:id                      (a ready influencer)
//   POST /v1/projects/:id/influencers              (a unique Idempotency-Key per request)
//   POST /v1/projects/:id/influencers              (no Idempotency-Key)
// and prints a markdown table of requests/s and p99 latency; the numbers also go to
// bench/emulator-results.json. Run with `npm run bench:emulator` (it builds first).
// BENCH_SECONDS (default 8) and BENCH_CONNECTIONS (default 32) tune the runs.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";

const ROOT = path.resolve(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const KEY = "lyr_test_emulator";

interface Row {
  scenario: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function startBin(): Promise<{ url: string; projectId: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(ROOT, "dist/emulator/bin.js"), "--port", "0", "--job-ms", "50"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  const rl = readline.createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    rl.on("line", (l) => {
      lines.push(l);
      if (lines.length === 3) resolve();
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return {
    url: lines[0].replace("Layers emulator listening on ", ""),
    projectId: lines[2].replace("Default project: ", ""),
    stop: () => child.kill("SIGTERM"),
  };
}

async function readyInfluencer(url: string, projectId: string): Promise<string> {
  const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
  const created = (await (await fetch(`${url}/v1/projects/${projectId}/influencers`, { method: "POST", headers, body: "{}" })).json()) as { jobId: string; influencerId: string };
  for (;;) {
    const job = (await (await fetch(`${url}/v1/jobs/${created.jobId}`, { headers })).json()) as { status: string };
    if (job.status === "succeeded") return created.influencerId;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function load(scenario: string, opts: autocannon.Options): Promise<Row> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  return {
    scenario,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

async function main(): Promise<void> {
  const emu = await startBin();
  try {
    const influencerId = await readyInfluencer(emu.url, emu.projectId);
    const auth = { authorization: `Bearer ${KEY}` };
    const createUrl = `${emu.url}/v1/projects/${emu.projectId}/influencers`;
    const json = { ...auth, "content-type": "application/json" };
    // Warm-up, so the JIT has seen the hot paths before anything is measured.
    await autocannon({ url: `${emu.url}/v1/influencers/${influencerId}`, headers: auth, connections: 8, duration: 2 });

    const rows: Row[] = [];
    rows.push(await load("GET /v1/influencers/:id", { url: `${emu.url}/v1/influencers/${influencerId}`, headers: auth }));
    rows.push(await load("POST create, unique Idempotency-Key", {
      url: createUrl,
      method: "POST",
      headers: json,
      body: "{}",
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, "idempotency-key": randomUUID() } }) }],
    }));
    rows.push(await load("POST create, no Idempotency-Key", { url: createUrl, method: "POST", headers: json, body: "{}" }));

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`;
    console.log(`\nLayers emulator, ${CONNECTIONS} connections, ${SECONDS} s per scenario (${machine})\n`);
    console.log("| scenario | requests/s | p50 ms | p99 ms | requests | non-2xx | errors |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.scenario} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.requests} | ${r.non2xx} | ${r.errors} |`);
    const out = path.join(ROOT, "bench/emulator-results.json");
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, connections: CONNECTIONS, seconds: SECONDS, rows }, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
  } finally {
    emu.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
