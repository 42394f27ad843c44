// The dashboard's server side: the page and its files, the JSON it polls (summary, pages of
// personas / deleted / jobs, the request log after a cursor), loopback only, no key anywhere.
import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { createApp, type RunningEmulator } from "../../emulator";
import { api, control, createReady, start, waitFor } from "./support";

const get = async (emu: RunningEmulator, path: string) => {
  const res = await fetch(`${emu.url}${path}`);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
};

describe("emulator: dashboard", function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ jobMs: 60 });
  });
  after(() => emu.close());
  beforeEach(() => control(emu).reset());

  it("serves the page at / and its script and stylesheet, nothing from elsewhere", async () => {
    const page = await get(emu, "/");
    assert.equal(page.status, 200);
    assert.match(String(page.headers.get("content-type")), /^text\/html/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(refs.sort(), ["/_dashboard/app.css", "/_dashboard/app.js", "data:,"]);
    for (const [file, type] of [["app.js", /javascript/], ["app.css", /css/]] as const) {
      const r = await get(emu, `/_dashboard/${file}`);
      assert.equal(r.status, 200, file);
      assert.match(String(r.headers.get("content-type")), type);
      assert.doesNotMatch(r.text, /https?:\/\//, `${file} loads nothing from another origin`);
    }
    assert.equal((await get(emu, "/_dashboard/index.html")).status, 404);
    assert.equal((await get(emu, "/_dashboard/constructor")).status, 404);
    assert.equal((await get(emu, "/_dashboard/..%2Fpackage.json")).status, 404);
  });

  it("summary counts every project's personas by status, deleted apart, and lists the fault rules", async () => {
    const a = api(emu);
    const [one, two] = [await createReady(emu), await createReady(emu)];
    await a.delete(`/v1/influencers/${two.influencerId}`, { reason: "test cleanup" });
    await control(emu).fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-stuck" } });
    await a.post(`/v1/projects/${emu.projectId}/influencers`, {});
    const s = (await get(emu, "/_emulator/dashboard/summary")).body;
    const project = s.projects.find((p: { projectId: string }) => p.projectId === emu.projectId);
    assert.deepEqual(project.counts, { pending: 1, training: 0, ready: 1, failed: 0, deleted: 1 });
    assert.equal(s.defaultProjectId, emu.projectId);
    assert.equal(s.jobsRunning, 1);
    assert.equal(s.faults.length, 0, "the job-stuck rule was used by the create");
    assert.ok(s.lastRequestSeq >= 4);
    assert.ok(one.influencerId);
  });

  it("pages personas newest first with fields, reference images and job timing; filters by status and name", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createReady(emu)).influencerId);
    await api(emu).patch(`/v1/influencers/${ids[4]}`, { name: "Zed Findme", style: "linen suits" });
    const base = `/_emulator/dashboard/projects/${emu.projectId}/personas`;
    const first = (await get(emu, `${base}?limit=2`)).body;
    assert.equal(first.total, 5);
    assert.deepEqual(first.items.map((i: { influencerId: string }) => i.influencerId), [ids[4], ids[3]]);
    const item = first.items[0];
    assert.equal(item.name, "Zed Findme");
    assert.equal(item.style, "linen suits");
    assert.equal(item.status, "ready");
    assert.match(item.thumbnailUrl, new RegExp(`^${emu.url}/media/influencers/${ids[4]}/thumbnail\\.svg$`));
    assert.equal(item.referenceImages.length, 1, "the generated portrait is bound");
    assert.equal(item.job.status, "succeeded");
    assert.equal(item.job.durationMs, 60);
    const next = (await get(emu, `${base}?limit=2&offset=4`)).body;
    assert.deepEqual(next.items.map((i: { influencerId: string }) => i.influencerId), [ids[0]]);
    assert.equal((await get(emu, `${base}?q=findme`)).body.total, 1);
    assert.equal((await get(emu, `${base}?q=${ids[1].toLowerCase()}`)).body.items[0].influencerId, ids[1]);
    assert.equal((await get(emu, `${base}?status=training`)).body.total, 0);
    assert.equal((await get(emu, `${base}?limit=101`)).status, 422);
    assert.equal((await get(emu, `${base}?bogus=1`)).status, 422);
    assert.equal((await get(emu, `/_emulator/dashboard/projects/00000000-0000-4000-8000-000000000000/personas`)).status, 404);
  });

  it("lists deleted personas with reason and time, and jobs with timing", async () => {
    const { influencerId, jobId } = await createReady(emu);
    await api(emu).delete(`/v1/influencers/${influencerId}`, { reason: "Deleted by Pulumi stack demo/dev" });
    const deleted = (await get(emu, `/_emulator/dashboard/projects/${emu.projectId}/deleted`)).body;
    assert.equal(deleted.total, 1);
    assert.equal(deleted.items[0].influencerId, influencerId);
    assert.equal(deleted.items[0].deleteReason, "Deleted by Pulumi stack demo/dev");
    assert.ok(!Number.isNaN(Date.parse(deleted.items[0].deletedAt)));
    assert.equal((await get(emu, `/_emulator/dashboard/projects/${emu.projectId}/personas`)).body.total, 0);
    const jobs = (await get(emu, `/_emulator/dashboard/projects/${emu.projectId}/jobs`)).body;
    assert.equal(jobs.items[0].jobId, jobId);
    assert.equal(jobs.items[0].status, "succeeded");
    assert.ok(Date.parse(jobs.items[0].completedAt) - Date.parse(jobs.items[0].createdAt) >= 60);
  });

  it("request log after a cursor: only newer entries, with Idempotency-Key replays and 429s marked", async () => {
    const a = api(emu);
    const before = (await get(emu, "/_emulator/dashboard/requests?since=0")).body.lastSeq;
    await a.post(`/v1/projects/${emu.projectId}/influencers`, {}, { idempotencyKey: "dash-1" });
    await a.post(`/v1/projects/${emu.projectId}/influencers`, {}, { idempotencyKey: "dash-1" });
    await control(emu).fault({ path: "/v1/jobs/*", action: { type: "status", status: 429, retryAfter: 1 } });
    await a.get("/v1/jobs/job_00000000000000000000000000");
    const log = (await get(emu, `/_emulator/dashboard/requests?since=${before}`)).body;
    assert.deepEqual(log.requests.map((r: Record<string, unknown>) => [r.method, r.status, r.replayed, r.idempotencyKey]), [
      ["POST", 202, false, "dash-1"],
      ["POST", 202, true, "dash-1"],
      ["GET", 429, false, null],
    ]);
    assert.equal(log.lastSeq, before + 3);
    assert.deepEqual((await get(emu, `/_emulator/dashboard/requests?since=${log.lastSeq}`)).body.requests, []);
    assert.ok(!JSON.stringify(log).includes(emu.apiKey));
  });

  it("after a reset, new personas of the default project are listed again (API and dashboard)", async () => {
    const { influencerId } = await createReady(emu);
    const listed = await api(emu).get(`/v1/projects/${emu.projectId}/influencers`);
    assert.deepEqual(listed.body.items.map((i: { influencerId: string }) => i.influencerId), [influencerId]);
    assert.equal((await get(emu, `/_emulator/dashboard/projects/${emu.projectId}/personas`)).body.total, 1);
  });

  it("never carries the API key: summary and pages", async () => {
    await createReady(emu);
    for (const path of ["/summary", `/projects/${emu.projectId}/personas`, `/projects/${emu.projectId}/jobs`, "/requests"]) {
      const r = await get(emu, `/_emulator/dashboard${path}`);
      assert.equal(r.status, 200, path);
      assert.ok(!r.text.includes(emu.apiKey), path);
    }
  });

  it("refuses non-loopback clients, page and data alike", async () => {
    const { app, projectId } = await createApp({ jobMs: 40 });
    try {
      for (const url of ["/", "/_dashboard/app.js", "/_emulator/dashboard/summary", `/_emulator/dashboard/projects/${projectId}/personas`]) {
        const r = await app.inject({ method: "GET", url, remoteAddress: "10.1.2.3", headers: { "x-forwarded-for": "127.0.0.1" } });
        assert.equal(r.statusCode, 403, url);
        assert.equal(r.json().error.code, "FORBIDDEN");
        assert.equal((await app.inject({ method: "GET", url, remoteAddress: "127.0.0.1" })).statusCode, 200, url);
      }
    } finally {
      await app.close();
    }
  });

  it("1,000 personas: the summary stays small and a page carries 24 of them", async () => {
    const a = api(emu);
    await control(emu).config({ jobMs: 0 });
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => a.post(`/v1/projects/${emu.projectId}/influencers`, {})));
    }
    await waitFor(async () => {
      const s = (await get(emu, "/_emulator/dashboard/summary")).body;
      return s.projects[0].counts.ready === 1000 ? true : undefined;
    }, 20_000, "1000 ready");
    const summary = await get(emu, "/_emulator/dashboard/summary");
    const page = await get(emu, `/_emulator/dashboard/projects/${emu.projectId}/personas?limit=24`);
    assert.equal(page.body.items.length, 24);
    assert.equal(page.body.total, 1000);
    const dump = await get(emu, "/_emulator/state");
    // Benchmark figures for the report (sizes, not timings).
    console.log(`      1,000 personas: summary ${summary.text.length} B, one page of 24 ${page.text.length} B, full /_emulator/state ${dump.text.length} B`);
    assert.ok(summary.text.length < 2048, "the summary does not grow with the number of personas");
  });

  describe("as packaged (dist/)", () => {
    const ROOT = path.resolve(__dirname, "../..");
    const BIN = path.join(ROOT, "dist/emulator/bin.js");
    before(function () {
      if (!fs.existsSync(path.join(ROOT, "dist/emulator/dashboard/assets/index.html"))) {
        console.log("    skipped: dist/ has no dashboard assets; run npm run build (npm test does)");
        this.skip();
      }
    });

    it("the layers-emulator bin prints the dashboard URL and serves the page from dist/", async () => {
      const child = spawn(process.execPath, [BIN, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
      try {
        const rl = readline.createInterface({ input: child.stdout! });
        const lines: string[] = [];
        const url = await new Promise<string>((resolve, reject) => {
          rl.on("line", (l) => {
            lines.push(l);
            const m = /^Dashboard: (http:\/\/127\.0\.0\.1:\d+\/) \(loopback only\)$/.exec(l);
            if (m) resolve(m[1]);
          });
          child.on("exit", () => reject(new Error(`exited: ${lines.join("\n")}`)));
        });
        assert.match(lines[0], /^Layers emulator listening on http:\/\/127\.0\.0\.1:\d+$/, "the first line is unchanged");
        assert.ok(url.startsWith(lines[0].slice("Layers emulator listening on ".length)));
        for (const file of ["", "_dashboard/app.js", "_dashboard/app.css"]) {
          const res = await fetch(url + file);
          assert.equal(res.status, 200, file || "/");
          const source = fs.readFileSync(path.join(ROOT, "emulator/dashboard/assets", file ? path.basename(file) : "index.html"), "utf8");
          assert.equal(await res.text(), source, `dist serves the current ${file || "index.html"}`);
        }
      } finally {
        child.kill("SIGTERM");
      }
    });

    it("npm pack includes the assets", () => {
      const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
      for (const f of ["index.html", "app.js", "app.css"]) assert.ok(files.includes(`dist/emulator/dashboard/assets/${f}`), f);
    });
  });
});
