// The influencer list: newest first, cursor pagination across several pages, the status
// filter, deleted rows hidden, and 422 on bad limit/cursor/status.
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { api, control, expectError, start, waitFor } from "./support";

describe("emulator: list influencers", () => {
  let emu: RunningEmulator;
  let a: ReturnType<typeof api>;
  let projectId: string;
  const created: string[] = [];
  const failed = new Set<string>();

  before(async () => {
    emu = await start({ jobMs: 40 });
    a = api(emu);
    projectId = (await a.post("/v1/projects", { name: "Paging" })).body.projectId;
    // 12 influencers; every third one's job fails.
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) await control(emu).fault({ path: `/v1/projects/${projectId}/influencers`, action: { type: "job-fail" } });
      const r = await a.post(`/v1/projects/${projectId}/influencers`, {});
      created.push(r.body.influencerId);
      if (i % 3 === 0) failed.add(r.body.influencerId);
    }
    await waitFor(async () => {
      const r = await a.get(`/v1/projects/${projectId}/influencers?limit=100`);
      return r.body.items.every((i: { status: string }) => i.status === "ready" || i.status === "failed") ? true : undefined;
    });
  });
  after(() => emu.close());

  async function walk(query: string): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query;
      const r = await a.get(`/v1/projects/${projectId}/influencers?${q}`);
      assert.equal(r.status, 200, r.text);
      pages++;
      for (const item of r.body.items) ids.push(item.influencerId);
      cursor = r.body.nextCursor;
    } while (cursor);
    return { ids, pages };
  }

  it("pages newest first across several pages, each item slim", async () => {
    const { ids, pages } = await walk("limit=5");
    assert.equal(pages, 3);
    assert.deepEqual(ids, [...created].reverse());
    const r = await a.get(`/v1/projects/${projectId}/influencers?limit=5`);
    assert.deepEqual(Object.keys(r.body.items[0]).sort(), ["ageRange", "createdAt", "gender", "influencerId", "name", "status", "thumbnailUrl"]);
    assert.equal(typeof r.body.nextCursor, "string");
  });

  it("the status filter pages too and returns only matching rows", async () => {
    const ready = await walk("limit=3&status=ready");
    assert.equal(ready.pages, 3);
    assert.deepEqual(ready.ids, [...created].reverse().filter((id) => !failed.has(id)));
    const fail = await walk("limit=2&status=failed");
    assert.deepEqual(fail.ids, [...created].reverse().filter((id) => failed.has(id)));
    assert.deepEqual((await walk("status=draft")).ids, []);
  });

  it("the default page size is 25 and the last page has a null cursor", async () => {
    const r = await a.get(`/v1/projects/${projectId}/influencers`);
    assert.equal(r.body.items.length, 12);
    assert.equal(r.body.nextCursor, null);
  });

  it("deleted influencers are never listed, and a cursor still works after a delete", async () => {
    const first = await a.get(`/v1/projects/${projectId}/influencers?limit=4`);
    const gone = first.body.items[3].influencerId;
    await a.delete(`/v1/influencers/${gone}`);
    const { ids } = await walk("limit=4");
    assert.ok(!ids.includes(gone));
    assert.equal(ids.length, 11);
    const next = await a.get(`/v1/projects/${projectId}/influencers?limit=4&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.deepEqual(next.body.items.map((i: { influencerId: string }) => i.influencerId), [...created].reverse().slice(4, 8));
  });

  it("bad limit, cursor or status is 422 naming the parameter; unknown project 404", async () => {
    for (const [q, field] of [["limit=0", "limit"], ["limit=101", "limit"], ["limit=abc", "limit"], ["limit=2.5", "limit"], ["limit=1&limit=2", "limit"],
      ["cursor=nope", "cursor"], ["cursor=", "cursor"], ["status=deleted", "status"]]) {
      const e = expectError(await a.get(`/v1/projects/${projectId}/influencers?${q}`), 422, "VALIDATION");
      assert.ok(e.details?.fieldErrors?.[field], `${q} → ${JSON.stringify(e.details)}`);
    }
    expectError(await a.get("/v1/projects/3f1c5a7e-0000-4000-8000-000000000000/influencers"), 404, "NOT_FOUND");
    expectError(await a.get("/v1/projects/not-a-uuid/influencers"), 404, "NOT_FOUND");
  });
});
