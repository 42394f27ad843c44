// Lifecycle paths that decide whether a persona is duplicated, orphaned or lost, against a
// scripted client (fake-client.ts) so that each edge is reached deterministically.
import { strict as assert } from "node:assert";
import { createInfluencer } from "../../provider/influencer/create";
import { readInfluencer } from "../../provider/influencer/read";
import { updateInfluencer } from "../../provider/influencer/update";
import { deleteInfluencer } from "../../provider/influencer/delete";
import { ResourceInitError, AccessLostError } from "../../provider/core/errors";
import type { LifecycleContext } from "../../provider/core/context";
import { FakeClient } from "./fake-client";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
const PROVIDER = "exports.handler = () => ({}) /* provider text */";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: PROVIDER, projectId: PROJECT, idempotencySeed: "proj/dev/ava", name: "Ava", gender: "female", style: "street", ...extra,
});

describe("lifecycle edges (scripted client)", () => {
  let fake: FakeClient;
  let ctx: LifecycleContext;
  beforeEach(() => {
    fake = new FakeClient(PROJECT);
    ctx = { client: fake.asClient(), jobTimeoutSeconds: 5 };
  });

  it("create sends only the create surface, then one PATCH for what the create did not set", async () => {
    const { id, outs } = await createInfluencer(ctx, inputs({ gender: "unspecified", ageRange: "young_adult" }));
    const post = fake.calls.find((c) => c[0] === "createInfluencer")!;
    assert.deepEqual(post[2], { ageRange: "young_adult" }, "unspecified is not a create gender");
    const patch = fake.calls.find((c) => c[0] === "patchInfluencer")!;
    assert.deepEqual(patch[2], { name: "Ava", gender: "unspecified", style: "street" });
    assert.equal(outs.influencerId, id);
    assert.deepEqual(outs.declaredFields, ["name", "gender", "ageRange", "style"]);
  });

  it("a re-run after a crash adopts the persona the first run created (same key, no second persona)", async () => {
    const first = await createInfluencer(ctx, inputs());
    const second = await createInfluencer(ctx, inputs({ name: "Ava edited between runs" }));
    assert.equal(second.id, first.id);
    assert.equal([...fake.rows.values()].length, 1);
    assert.equal(second.outs.name, "Ava edited between runs");
  });

  it("a replay of a deleted persona is not resurrected: the next key generation creates a fresh one", async () => {
    const first = await createInfluencer(ctx, inputs());
    await deleteInfluencer(ctx, first.id, first.outs);
    const again = await createInfluencer(ctx, inputs());
    assert.notEqual(again.id, first.id);
    const keys = fake.calls.filter((c) => c[0] === "createInfluencer").map((c) => c[3]);
    assert.equal(keys[1], keys[0], "the first key is tried again");
    assert.notEqual(keys[2], keys[0], "then the next generation");
    // and a third run adopts the fresh one instead of creating yet another
    const third = await createInfluencer(ctx, inputs());
    assert.equal(third.id, again.id);
  });

  it("a failed generation deletes the unusable persona and fails without an id", async () => {
    fake.jobOutcome = "failed";
    await assert.rejects(createInfluencer(ctx, inputs()), (e: Error) => {
      assert.ok(!(e instanceof ResourceInitError));
      assert.match(e.message, /GENERATION_FAILED renderer crashed.*was deleted; run pulumi up to try again/);
      return true;
    });
    assert.equal(fake.count("deleteInfluencer"), 1);
    assert.ok([...fake.rows.values()].every((r) => r.deleted));
  });

  it("a failed generation whose delete also fails is kept in state (id + __provider), not orphaned", async () => {
    fake.jobOutcome = "failed";
    fake.failDelete = true;
    await assert.rejects(createInfluencer(ctx, inputs()), (e: ResourceInitError) => {
      assert.ok(e instanceof ResourceInitError);
      assert.match(e.id, /^inf_/);
      assert.equal(e.properties.__provider, PROVIDER);
      assert.equal(e.properties.status, "failed");
      return true;
    });
  });

  it("a failed generation whose DELETE was applied but answered 404 on retry counts as deleted", async () => {
    fake.jobOutcome = "failed";
    fake.deleteLosesResponse = true;
    await assert.rejects(createInfluencer(ctx, inputs()), (e: Error) => !(e instanceof ResourceInitError) && /was deleted/.test(e.message));
  });

  it("update of a persona deleted outside Pulumi says to refresh", async () => {
    const { id, outs } = await createInfluencer(ctx, inputs());
    fake.rows.get(id)!.deleted = true;
    await assert.rejects(updateInfluencer(ctx, id, outs, inputs({ style: "grunge" })), /no longer exists in Layers.*pulumi up --refresh/);
  });

  it("a job timeout keeps the persona in state, and the next update finishes it", async () => {
    fake.jobOutcome = "timeout";
    let failure: ResourceInitError | undefined;
    await createInfluencer(ctx, inputs()).catch((e) => (failure = e));
    assert.ok(failure instanceof ResourceInitError, String(failure));
    assert.equal(failure.properties.__provider, PROVIDER);
    assert.equal(failure.properties.name, "Generated Name", "persona not applied yet: the next diff sees it");
    assert.equal(fake.count("patchInfluencer"), 0);
    const outs = await updateInfluencer(ctx, failure.id, failure.properties, inputs());
    assert.equal(outs.status, "ready");
    assert.equal(outs.name, "Ava");
    assert.equal(outs.style, "street");
  });

  it("update waits out a 409 while the persona is still generating", async () => {
    const { id, outs } = await createInfluencer(ctx, inputs());
    fake.conflictsBeforePatch = 2;
    const next = await updateInfluencer(ctx, id, outs, inputs({ style: "grunge" }));
    assert.equal(next.style, "grunge");
    assert.equal(fake.count("patchInfluencer"), 1 + 3);
  });

  it("update with only state-only changes makes no API call", async () => {
    const { id, outs } = await createInfluencer(ctx, inputs());
    const before = fake.calls.length;
    const next = await updateInfluencer(ctx, id, outs, inputs({ deleteReason: "retired" }));
    assert.equal(fake.calls.length, before);
    assert.equal(next.deleteReason, "retired");
  });

  it("reference images the API drops are an error naming the ids", async () => {
    const bad = "med_0000000000000UNRESOLVED000".slice(0, 30);
    await assert.rejects(
      createInfluencer(ctx, inputs({ referenceImageAssetIds: ["med_01HX9Y6K7EJ4T2ABCDEFGHJKMN", bad] })),
      (e: ResourceInitError) => e instanceof ResourceInitError && e.message.includes(`referenceImageAssetIds: ${bad} did not resolve`),
    );
  });

  it("read and delete treat 404 as gone only while the key still sees the project", async () => {
    const { id, outs } = await createInfluencer(ctx, inputs());
    fake.rows.get(id)!.deleted = true;
    assert.deepEqual(await readInfluencer(ctx, id, outs), { id: undefined });
    await deleteInfluencer(ctx, id, outs); // already gone: success
    fake.projects.clear(); // the key lost access (rotated, other org, wrong base URL)
    await assert.rejects(readInfluencer(ctx, id, outs), (e: Error) => e instanceof AccessLostError && /cannot see its project/.test(e.message));
    await assert.rejects(deleteInfluencer(ctx, id, outs), AccessLostError);
  });

  it("adoptId takes over an existing persona of the same project instead of creating one", async () => {
    fake.seed("inf_EXISTING00000000000000000", PROJECT, { name: "Dashboard Made", gender: "female", ageRange: "young_adult" });
    const { id, outs } = await createInfluencer(ctx, inputs({ adoptId: "inf_EXISTING00000000000000000", gender: "male", ageRange: "senior" }));
    assert.equal(id, "inf_EXISTING00000000000000000");
    assert.equal(fake.count("createInfluencer"), 0);
    assert.equal(outs.name, "Ava");
    // no POST set them, so the PATCH must: gender and ageRange too
    assert.deepEqual([outs.gender, outs.ageRange], ["male", "senior"]);
    fake.seed("inf_OTHERPROJECT0000000000000", "0b8e7c5e-0000-4000-8000-000000000000");
    await assert.rejects(createInfluencer(ctx, inputs({ adoptId: "inf_OTHERPROJECT0000000000000" })), /belongs to project/);
  });

  it("adoptId PATCHes only the declared fields the persona does not already hold", async () => {
    const personality = { traits: ["curious", "warm"], tone: "conversational" };
    fake.seed("inf_ASIS0000000000000000000000", PROJECT, { name: "Ava", gender: "nonbinary", style: "street", personality });
    // The same persona, declared as it is, in other spellings: non_binary, personality keys reordered.
    const asIs = inputs({ adoptId: "inf_ASIS0000000000000000000000", gender: "non_binary", personality: { tone: "conversational", traits: ["curious", "warm"] } });
    const { outs } = await createInfluencer(ctx, asIs);
    assert.deepEqual(fake.calls.map((c) => c[0]), ["getInfluencer"], "one GET, no PATCH, nothing re-read");
    assert.deepEqual(outs.declaredFields, ["name", "gender", "style", "personality"]);
    assert.equal(outs.gender, "nonbinary");

    fake.calls.length = 0;
    fake.seed("inf_DIFFERS00000000000000000", PROJECT, { name: "Ava", gender: "female", style: "grunge", personality: { traits: ["curious"] } });
    const changed = await createInfluencer(ctx, inputs({ adoptId: "inf_DIFFERS00000000000000000", personality }));
    const patch = fake.calls.filter((c) => c[0] === "patchInfluencer");
    assert.deepEqual(patch.map((c) => c[2]), [{ style: "street", personality }], "name and gender already match; personality is sent whole");
    assert.deepEqual([changed.outs.style, changed.outs.personality], ["street", personality]);
  });

  it("adoptId waits for a persona still generating before comparing", async () => {
    const row = fake.seed("inf_TRAINING0000000000000000", PROJECT, { name: "Ava", gender: "female", style: null, status: "training" });
    const get = fake.getInfluencer.bind(fake);
    let gets = 0;
    // The first read sees it training with the generated style not there yet; the next sees it done.
    fake.getInfluencer = async (id: string) => (++gets === 1 ? { ...(await get(id)), status: "training", style: null } : get(id));
    row.style = "street";
    const { outs } = await createInfluencer(ctx, inputs({ adoptId: "inf_TRAINING0000000000000000" }));
    assert.equal(outs.status, "ready");
    assert.equal(fake.count("patchInfluencer"), 0);
    assert.equal(fake.count("getInfluencer"), 2, "the adopt GET, then the poll that sees it ready");
  });
});
