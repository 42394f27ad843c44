// The dashboard in a real browser: Debian's chromium driven by playwright-core, headless,
// against an emulator on loopback. Personas are created through the API, as `pulumi up`
// would, and the page must show them, follow their status, and drive fault rules.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import type { RunningEmulator } from "../../emulator";
import { api, control, start, waitFor } from "./support";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = process.env.DASHBOARD_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), "layers-dashboard-"));

describe("emulator: dashboard in a browser (chromium + playwright-core)", function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      const why = `${CHROMIUM} not found (apt-get install chromium; .ci/run installs it)`;
      if (process.env.CI === "true") throw new Error(`CI=true but ${why}`);
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    // Loaded here so that a machine without the browser does not pay for loading it.
    const { chromium } = await import("playwright-core");
    // 6 s jobs: `training` lasts 4 s, several polls even on a loaded machine.
    emu = await start({ jobMs: 6000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    console.log(`    screenshots: ${SHOTS}`);
  });
  after(async () => {
    await browser?.close();
    await emu?.close();
  });
  afterEach(() => assert.deepEqual(pageErrors, [], "no script error on the page"));

  const a = () => api(emu);
  const create = async (body: Record<string, unknown> = {}, idempotencyKey?: string) => {
    const r = await a().post(`/v1/projects/${emu.projectId}/influencers`, body, idempotencyKey ? { idempotencyKey } : {});
    assert.equal(r.status, 202, r.text);
    return r.body.influencerId as string;
  };
  const card = (id: string) => page.locator(`[data-persona="${id}"]`);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  it("shows personas created through the API, with portraits that load, and follows training → ready", async () => {
    await page.goto(`${emu.url}/`);
    await page.locator("#live.ok").waitFor();
    assert.match(await page.locator("#persona-grid").innerText(), /No personas yet/);

    const first = await create({ prompt: "sunny surf instructor", gender: "female" }, "browser-1");
    await create({ prompt: "sunny surf instructor", gender: "female" }, "browser-1"); // a replay, same persona
    const second = await create({ prompt: "urban sneakerhead", gender: "male" });

    // Appears by itself (no reload), then trains, then is ready with its portrait.
    await card(first).waitFor({ timeout: 10_000 });
    await card(first).locator('[data-status="training"]').waitFor({ timeout: 15_000 });
    await shot("training");
    await card(first).locator('[data-status="ready"]').waitFor({ timeout: 30_000 });
    await card(second).locator('[data-status="ready"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator("[data-persona]").count(), 2, "the replay did not make a third card");

    const images = page.locator("[data-persona] img");
    await waitFor(async () => ((await images.count()) === 2 ? true : undefined), 5000, "two portraits");
    // Runs in the page (this project compiles without the DOM lib, hence the structural type).
    type Img = { complete: boolean; naturalWidth: number; src: string; onload: unknown; onerror: unknown };
    const loaded = await images.evaluateAll((els) => {
      const imgs = els as unknown as Img[];
      return Promise.all(imgs.map((img) => (img.complete ? Promise.resolve() : new Promise((r) => (img.onload = img.onerror = r))))).then(() =>
        imgs.map((img) => ({ src: img.src, width: img.naturalWidth })),
      );
    });
    for (const img of loaded) {
      assert.ok(img.src.startsWith(`${emu.url}/media/influencers/`), img.src);
      assert.ok(img.width > 0, `${img.src} loaded`);
    }
    await shot("personas");

    // The drawer shows the fields, and the record the API has.
    const record = (await a().get(`/v1/influencers/${first}`)).body;
    await card(first).click();
    await page.locator("#drawer:not([hidden])").waitFor();
    assert.equal(await page.locator("#drawer-name").innerText(), record.name);
    assert.equal(await page.locator('#drawer [data-field="vibe"]').innerText(), record.vibe);
    assert.equal(await page.locator("#drawer .refs img").count(), record.referenceImages.length);
    await shot("drawer");
    await page.keyboard.press("Escape");

    // The request log marks the Idempotency-Key replay.
    await page.locator("#requests li .tag.replay").first().waitFor();
  });

  it("shows a deleted persona with its reason", async () => {
    const id = (await a().get(`/v1/projects/${emu.projectId}/influencers`)).body.items[0].influencerId as string;
    const r = await a().delete(`/v1/influencers/${id}`, { reason: "Deleted by Pulumi stack quickstart/dev" });
    assert.equal(r.status, 200);
    await card(id).waitFor({ state: "detached", timeout: 10_000 });
    await page.click('[data-tab="deleted"]');
    const row = page.locator(`[data-deleted="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), /Deleted by Pulumi stack quickstart\/dev/);
    await shot("deleted");
  });

  it("adds a fault rule from the page; the next API request fails as the rule says, and the log shows it", async () => {
    await page.click('[data-tab="faults"]');
    await page.selectOption('#fault-form [name="method"]', "POST");
    await page.fill('#fault-form [name="path"]', "/v1/projects/*/influencers");
    await page.selectOption('#fault-form [name="type"]', "status");
    await page.fill('#fault-form [name="status"]', "503");
    await page.click('#fault-form button[type="submit"]');
    await page.locator("#faults-table [data-rule]").waitFor();
    const rules = (await control(emu).call("GET", "/faults")).body.faults;
    assert.deepEqual(rules.map((f: { method: string; path: string; action: unknown }) => [f.method, f.path, f.action]), [
      ["POST", "/v1/projects/*/influencers", { type: "status", status: 503 }],
    ]);
    await shot("faults");

    const failed = await a().post(`/v1/projects/${emu.projectId}/influencers`, {});
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error.code, "UNAVAILABLE");
    await page.locator('#requests li[data-status="503"]').waitFor({ timeout: 10_000 });
    await page.locator("#faults-table [data-rule]").waitFor({ state: "detached", timeout: 10_000 });

    // A bad rule gets the control API's validation message on the page.
    await page.fill('#fault-form [name="path"]', "no-slash");
    await page.click('#fault-form button[type="submit"]');
    await waitFor(async () => ((await page.locator("#fault-error").innerText()).includes("path") ? true : undefined), 5000, "validation message");

    // A 429 from a rule is marked in the log; clearing from the page removes every rule.
    await control(emu).fault({ path: "/v1/jobs/*", times: 5, action: { type: "status", status: 429, retryAfter: 1 } });
    await a().get("/v1/jobs/job_00000000000000000000000000");
    await page.locator("#requests li .tag.limited").first().waitFor({ timeout: 10_000 });
    await page.locator("#faults-table [data-rule]").waitFor({ timeout: 10_000 });
    await page.click("#clear-faults");
    await waitFor(async () => ((await control(emu).call("GET", "/faults")).body.faults.length === 0 ? true : undefined), 5000, "rules cleared");
    await shot("requests");
  });

  it("1,000 personas: one page of 24 cards, paged; an idle page polls only the small endpoints", async () => {
    await control(emu).config({ jobMs: 0 });
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => a().post(`/v1/projects/${emu.projectId}/influencers`, {})));
    }
    await page.click('[data-tab="personas"]');
    await waitFor(async () => ((await page.locator("#pager-personas [data-range]").innerText()).endsWith("of 1,001") ? true : undefined), 15_000, "1,001 listed");
    assert.equal(await page.locator("[data-persona]").count(), 24);
    // Benchmark figure (printed, not asserted): a fresh load until the first 24 cards are on screen.
    const started = Date.now();
    await page.reload();
    await page.locator("[data-persona]").nth(23).waitFor();
    console.log(`      fresh load to 24 cards with 1,001 personas: ${Date.now() - started} ms on this (shared, 2-core) machine`);
    await waitFor(async () => ((await page.locator("#pager-personas [data-range]").innerText()).endsWith("of 1,001") ? true : undefined), 15_000, "1,001 listed");
    await page.click("#pager-personas [data-next]");
    await waitFor(async () => ((await page.locator("#pager-personas [data-range]").innerText()).startsWith("25–48") ? true : undefined), 5000, "page 2");
    assert.equal(await page.locator("[data-persona]").count(), 24);
    await shot("thousand");

    // Count what the page fetches while nothing changes (a benchmark figure, not a timing).
    const seen: { url: string; bytes: number }[] = [];
    const onResponse = async (res: import("playwright-core").Response) => {
      if (!res.url().includes("/_emulator/dashboard/")) return;
      seen.push({ url: new URL(res.url()).pathname, bytes: (await res.body().catch(() => Buffer.alloc(0))).length });
    };
    page.on("response", onResponse);
    await page.waitForTimeout(3500);
    page.off("response", onResponse);
    const personaReads = seen.filter((s) => s.url.endsWith("/personas")).length;
    const summaries = seen.filter((s) => s.url.endsWith("/summary")).length;
    console.log(
      `      idle 3.5 s with 1,001 personas: ${seen.length} requests (${summaries} summary, ${personaReads} persona pages), ` +
        `${seen.reduce((n, s) => n + s.bytes, 0)} bytes in all`,
    );
    assert.ok(summaries >= 1, "the page keeps polling");
    assert.equal(personaReads, 0, "an idle page does not re-read its personas");
  });
});
