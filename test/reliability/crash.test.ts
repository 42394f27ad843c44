// Crash-consistent create: the provider host dies after Layers accepted the POST and before
// the engine recorded anything (a killed CI job). The next `pulumi up` runs create again
// with the same inputs in a fresh host; it must adopt that persona, never make a second one.
// And a persona deleted within the idempotency window must not come back from the replay.
import { strict as assert } from "node:assert";
import { influencerInputs, startRig, urn, type Rig } from "../provider/support";
import type { HostCallError, ProviderHost, Props } from "../support/host";
import { accepted, isCreatePost, live, rowsFor, startHost, waitForRequest } from "./support";

const PROMPT = "crash-consistent create";

describe("crash-consistent create (real provider hosts, killed mid-create)", function () {
  this.timeout(60_000);
  let rig: Rig;
  const hosts: ProviderHost[] = [];
  let inputs: Props;

  // A generation long enough that the kill lands while create is still waiting for the job.
  before(async () => {
    rig = await startRig({ jobMs: 1500 });
    hosts.push(rig.host);
    ({ inputs } = await influencerInputs("crashy", { projectId: rig.emulator.projectId, prompt: PROMPT, name: "Crashy", style: "denim" }));
  });
  after(async () => {
    for (const h of hosts) await h.kill().catch(() => undefined);
    await rig?.close();
  });

  const freshHost = async () => {
    const h = await startHost(rig.emulator.url, rig.emulator.apiKey);
    hosts.push(h);
    return h;
  };

  /** Starts a create on `host`, kills the host once a POST with a new key was accepted. */
  async function createAndCrash(host: ProviderHost, seenKeys: Set<string>): Promise<string> {
    const pending = host.create(urn("crashy"), inputs).then(
      () => assert.fail("create finished before the host was killed; lengthen jobMs"),
      (e: HostCallError) => e,
    );
    const post = await waitForRequest(rig.control, (r) => isCreatePost(r) && accepted(r) && !seenKeys.has(String(r.idempotencyKey)));
    await host.kill();
    const err = await pending;
    assert.equal(err.code, 14, `the call died with the host (${err.message})`);
    return String(post.idempotencyKey);
  }

  let firstId: string;
  let firstOutputs: Props;

  it("a create killed after the POST was accepted is adopted by the next run: one persona, same id", async () => {
    const key = await createAndCrash(rig.host, new Set());
    const orphaned = live(await rowsFor(rig.control, PROMPT));
    assert.equal(orphaned.length, 1, "the killed run left exactly one persona behind");

    const host = await freshHost();
    const again = await host.create(urn("crashy"), inputs);
    firstId = again.id;
    firstOutputs = again.properties;
    assert.equal(again.id, orphaned[0].influencerId, "the re-run adopted the persona instead of creating one");
    assert.equal(again.properties.status, "ready");
    assert.equal(again.properties.style, "denim", "and finished applying the persona");

    const rows = await rowsFor(rig.control, PROMPT);
    assert.equal(rows.length, 1, "exactly one persona was ever created");
    const posts = (await rig.control.requests()).filter(isCreatePost);
    assert.deepEqual(posts.map((p) => p.idempotencyKey), [key, key], "the re-run sent the same Idempotency-Key");
  });

  it("destroy, then create again within the idempotency window: a new persona, the deleted one stays deleted", async () => {
    const host = hosts[hosts.length - 1];
    await host.delete(firstId, urn("crashy"), firstOutputs);
    const again = await host.create(urn("crashy"), inputs);
    assert.notEqual(again.id, firstId, "a new persona, not the replayed deleted one");
    const rows = await rowsFor(rig.control, PROMPT);
    assert.equal(rows.length, 2);
    assert.ok(rows.find((r) => r.influencerId === firstId)!.deletedAt, "the deleted persona was not resurrected");
    assert.deepEqual(live(rows).map((r) => r.influencerId), [again.id]);
    // Leave no persona behind for the next case: it re-creates from the same seed.
    await host.delete(again.id, urn("crashy"), again.properties);
  });

  it("a crash during that re-create is adopted by a third create, not duplicated", async () => {
    // The re-create replays the keys of the two deleted personas, walks past them and POSTs
    // the next generation's key; the host is killed once that POST is accepted.
    const before = new Set((await rig.control.requests()).filter(isCreatePost).map((r) => String(r.idempotencyKey)));
    assert.equal(before.size, 2, "two generations used so far");
    const key = await createAndCrash(await freshHost(), before);
    const stray = live(await rowsFor(rig.control, PROMPT));
    assert.equal(stray.length, 1, "the killed re-create left one persona behind");

    const third = await (await freshHost()).create(urn("crashy"), inputs);
    assert.equal(third.id, stray[0].influencerId, "the third create adopted it");
    const rows = await rowsFor(rig.control, PROMPT);
    assert.equal(rows.length, 3, "three personas over the whole story: two deleted, one live");
    assert.deepEqual(live(rows).map((r) => r.influencerId), [third.id]);
    const keys = new Set((await rig.control.requests()).filter(isCreatePost).map((r) => String(r.idempotencyKey)));
    assert.deepEqual([...keys].filter((k) => !before.has(k)), [key], "no generation beyond the adopted one was used");
  });
});
