// cloneFrom through the real dynamic provider host: an A/B variant made by the clone
// endpoint with a provider-chosen id, adopted after a crash (same body or edited), made
// again after a destroy, waiting for a source still generating, and clear errors for a
// source that is gone, foreign or combined with adoptId/prompt.
import { strict as assert } from "node:assert";
import { cloneInfluencerId } from "../../provider/influencer/idempotency";
import type { HostCallError, ProviderHost, Props } from "../support/host";
import { accepted, startHost, waitForRequest } from "../reliability/support";
import { dashboard, influencerInputs, startRig, urn, type Rig } from "./support";

const isClonePost = (r: { method: string; path: string }) => r.method === "POST" && /^\/v1\/influencers\/[^/]+\/clone$/.test(r.path);

describe("cloneFrom in the real provider host", function () {
  this.timeout(60_000);
  let rig: Rig;
  let projectId: string;
  let source: { id: string; properties: Props };
  const hosts: ProviderHost[] = [];

  const variant = (name: string, extra: Record<string, unknown> = {}) =>
    influencerInputs(name, { projectId, cloneFrom: source.id, name: "Ava (B)", vibe: "dry wit", ...extra }).then((r) => r.inputs);
  const rows = async (pred: (r: Record<string, unknown>) => boolean) => (await rig.control.state()).influencers.filter(pred);
  const freshHost = async () => {
    const h = await startHost(rig.emulator.url, rig.emulator.apiKey);
    hosts.push(h);
    return h;
  };

  before(async () => {
    rig = await startRig();
    projectId = rig.emulator.projectId;
    const { inputs } = await influencerInputs("ava", { projectId, name: "Ava", hairColor: "copper", style: "denim" });
    source = await rig.host.create(urn("ava"), inputs);
  });
  after(async () => {
    for (const h of hosts) await h.kill().catch(() => undefined);
    await rig?.close();
  });

  let clone: { id: string; properties: Props };
  let cloneInputs: Props;

  it("create clones the source with the declared fields as overrides, under the id the provider chose; no PATCH", async () => {
    cloneInputs = await variant("ava-b");
    assert.deepEqual((await rig.host.check(urn("ava-b"), {}, cloneInputs)).failures, []);
    await rig.control.clearRequests();
    clone = await rig.host.create(urn("ava-b"), cloneInputs);
    assert.equal(clone.id, cloneInfluencerId(cloneInputs, 0), "the provider-chosen id");
    const p = clone.properties;
    assert.deepEqual([p.name, p.vibe, p.status, p.cloneFrom], ["Ava (B)", "dry wit", "ready", source.id]);
    assert.deepEqual([p.hairColor, p.style], ["copper", "denim"], "the rest comes from the source");
    const log = await rig.control.requests();
    assert.equal(log.filter(isClonePost).length, 1);
    assert.equal(log.filter((r) => r.method === "PATCH").length, 0, "overrides went with the clone");
    assert.equal(log.filter((r) => r.method === "POST").length, 1, "nothing but the clone was created");
  });

  it("then behaves as any Influencer: no diff on the same inputs, drift shows, an edit is one PATCH; a new cloneFrom replaces", async () => {
    assert.equal((await rig.host.diff(clone.id, urn("ava-b"), clone.properties, cloneInputs)).changes, "DIFF_NONE");
    await dashboard(rig.emulator).patch(`/influencers/${clone.id}`, { vibe: "earnest" });
    const refreshed = await rig.host.read(clone.id, urn("ava-b"), clone.properties, cloneInputs);
    assert.equal(refreshed.properties.cloneFrom, source.id, "cloneFrom survives a refresh");
    const drift = await rig.host.diff(clone.id, urn("ava-b"), refreshed.properties, cloneInputs);
    assert.deepEqual([drift.changes, drift.replaces], ["DIFF_SOME", []]);
    await rig.control.clearRequests();
    clone = await rig.host.update(clone.id, urn("ava-b"), refreshed.properties, cloneInputs).then((u) => ({ id: clone.id, properties: u.properties }));
    assert.equal(clone.properties.vibe, "dry wit");
    assert.deepEqual((await rig.control.requests()).map((r) => r.method), ["PATCH"]);
    const other = await influencerInputs("ava-b", { projectId, cloneFrom: "inf_01HX9Y6K7EJ4T2ABCDEFGHJKMN", name: "Ava (B)", vibe: "dry wit" });
    assert.deepEqual((await rig.host.diff(clone.id, urn("ava-b"), clone.properties, other.inputs)).replaces, ["cloneFrom"]);
  });

  it("destroy and re-create within the idempotency window: a new clone under the next id, the deleted one stays deleted", async () => {
    await rig.host.delete(clone.id, urn("ava-b"), clone.properties);
    const again = await rig.host.create(urn("ava-b"), cloneInputs);
    assert.equal(again.id, cloneInfluencerId(cloneInputs, 1));
    // A changed body means a new key: the old id answers 409, is found deleted, and is walked past too.
    await rig.host.delete(again.id, urn("ava-b"), again.properties);
    const edited = await variant("ava-b", { vibe: "bone dry" });
    const third = await rig.host.create(urn("ava-b"), edited);
    assert.equal(third.id, cloneInfluencerId(edited, 2));
    assert.equal(third.properties.vibe, "bone dry");
    const mine = await rows((r) => [clone.id, again.id, third.id].includes(r.influencerId as string));
    assert.deepEqual(mine.filter((r) => !r.deletedAt).map((r) => r.influencerId), [third.id]);
    await rig.host.delete(third.id, urn("ava-b"), third.properties);
  });

  for (const edited of [false, true]) {
    it(`a host killed after the clone was accepted: the next run adopts it${edited ? ", even with an edited body, and applies the edit" : ""}`, async () => {
      const name = edited ? "ava-c" : "ava-d";
      const inputs = await variant(name);
      await rig.control.config({ jobMs: 1500 });
      await rig.control.clearRequests();
      const first = await freshHost();
      const pending = first.create(urn(name), inputs).then(() => assert.fail("create finished before the kill"), (e: HostCallError) => e);
      await waitForRequest(rig.control, (r) => isClonePost(r) && accepted(r));
      await first.kill();
      assert.equal((await pending).code, 14);
      await rig.control.config({ jobMs: 60 });
      const id = cloneInfluencerId(inputs, 0);
      assert.equal((await rows((r) => r.influencerId === id)).length, 1, "the killed run made the clone");

      const rerunInputs = edited ? await variant(name, { vibe: "deadpan" }) : inputs;
      const second = await freshHost();
      const rerun = await second.create(urn(name), rerunInputs);
      assert.equal(rerun.id, id, "adopted, not cloned again");
      assert.equal(rerun.properties.vibe, edited ? "deadpan" : "dry wit");
      assert.equal(rerun.properties.status, "ready");
      const liveVariants = await rows((r) => r.name === "Ava (B)" && !r.deletedAt);
      assert.deepEqual(liveVariants.map((r) => r.influencerId), [id], "one live clone: the adopted one");
      assert.match(second.stderr(), new RegExp(`adopting influencer ${id}`));
      await second.delete(rerun.id, urn(name), rerun.properties);
    });
  }

  it("a clone whose first request is still in flight (409 for the same key) is adopted, not cloned twice", async () => {
    // Two hosts clone the same resource at once, as a re-run does while a killed run's
    // orphaned host is still sending: the emulator holds the first request 2.5 s after
    // reserving its key, so the second gets 409 until the first is done, then a replay.
    const inputs = await variant("ava-inflight");
    await rig.control.fault({ method: "POST", path: "/v1/influencers/*/clone", times: 1, action: { type: "delay", ms: 2500 } });
    await rig.control.clearRequests();
    const first = rig.host.create(urn("ava-inflight"), inputs);
    await waitForRequest(rig.control, isClonePost);
    const second = (await freshHost()).create(urn("ava-inflight"), inputs);
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.id, b.id, "both runs name one clone");
    assert.equal(a.id, cloneInfluencerId(inputs, 0));
    const clones = (await rig.control.requests()).filter(isClonePost);
    assert.ok(clones.some((r) => r.status === 409), "the second run met the in-flight 409");
    const nextIds = [1, 2, 3].map((g) => cloneInfluencerId(inputs, g));
    assert.deepEqual(await rows((r) => nextIds.includes(r.influencerId as string)), [], "no second clone under a later id");
    await rig.control.clearFaults();
  });

  it("waits for a source that is still generating, then clones it", async () => {
    await rig.control.config({ jobMs: 800 });
    const slowHost = await freshHost();
    const young = (await dashboard(rig.emulator).post(`/projects/${projectId}/influencers`, {})).data.influencerId as string;
    await rig.control.config({ jobMs: 60 });
    const made = await slowHost.create(urn("slow-b"), (await influencerInputs("slow-b", { projectId, cloneFrom: young, name: "Slow (B)" })).inputs);
    assert.equal(made.properties.name, "Slow (B)");
    assert.match(slowHost.stderr(), new RegExp(`cloneFrom: influencer ${young} is still (pending|training); waiting for it`));
  });

  it("a source that is gone or in another project is a clear error naming cloneFrom, and nothing is cloned", async () => {
    const api = dashboard(rig.emulator);
    const gone = (await api.post(`/projects/${projectId}/influencers`, {})).data.influencerId as string;
    await new Promise((r) => setTimeout(r, 150));
    await api.delete(`/influencers/${gone}`);
    const other = (await api.post("/projects", { name: "Elsewhere" })).data.projectId as string;
    const foreign = (await api.post(`/projects/${other}/influencers`, {})).data.influencerId as string;
    await rig.control.clearRequests();
    const attempt = async (from: string) =>
      rig.host.create(urn("bad-b"), (await influencerInputs("bad-b", { projectId, cloneFrom: from })).inputs).then(
        () => assert.fail("create succeeded"),
        (e: HostCallError) => e.message,
      );
    assert.match(await attempt(gone), new RegExp(`cloneFrom: influencer ${gone} does not exist \\(deleted, or not visible to this API key\\)`));
    assert.match(await attempt(foreign), new RegExp(`cloneFrom: influencer ${foreign} belongs to project ${other}, not ${projectId}`));
    assert.equal((await rig.control.requests()).filter(isClonePost).length, 0);
  });

  it("check refuses cloneFrom with adoptId or prompt, and a malformed id, before any API call", async () => {
    await rig.control.clearRequests();
    const failures = async (args: Record<string, unknown>) =>
      (await rig.host.check(urn("x"), {}, (await influencerInputs("x", { projectId, ...args })).inputs)).failures;
    const both = await failures({ cloneFrom: source.id, adoptId: source.id, prompt: "sunny" });
    assert.deepEqual(both.map((f) => f.property).sort(), ["cloneFrom", "prompt"]);
    assert.match(both.find((f) => f.property === "cloneFrom")!.reason, /cannot be combined with adoptId/);
    assert.match(both.find((f) => f.property === "prompt")!.reason, /cannot be combined with cloneFrom/);
    const bad = await failures({ cloneFrom: "ava" });
    assert.deepEqual(bad.map((f) => f.property), ["cloneFrom"]);
    assert.match(bad[0].reason, /must be an influencer id/);
    assert.deepEqual(await rig.control.requests(), []);
  });
});
