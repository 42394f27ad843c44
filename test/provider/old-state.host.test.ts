// State written by earlier releases keeps working in today's provider host. Each earlier
// `__provider` text, as stored then, is run against today's package: 0.1.0's Influencer
// (before Media and cloneFrom) and the closure-serialized shims that Influencer and Media
// stored until the provider text became hand-written (provider/dynamic/provider-text.ts).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Props } from "../support/host";
import { influencerInputs, mediaInputs, mediaUrn, startRig, urn, REPO_ROOT, type Rig } from "./support";

const fixture = (name: string) => readFileSync(path.join(REPO_ROOT, "test/fixtures/state", name), "utf8");

describe("state written by earlier releases", function () {
  this.timeout(60_000);
  let rig: Rig;
  before(async () => (rig = await startRig()));
  after(async () => rig?.close());

  for (const [release, file] of [
    ["0.1.0 (before cloneFrom)", "influencer-provider-0.1.0.txt"],
    ["the serialized shim", "influencer-provider-serialized.txt"],
  ]) {
    it(`an Influencer stored with ${release}: refreshes, shows no diff, updates and deletes`, async () => {
      const OLD_PROVIDER = fixture(file);
      const name = file.includes("0.1.0") ? "old-010" : "old-serialized";
      const args = { projectId: rig.emulator.projectId, name: "Old Timer", style: "tweed" };
      const { inputs, providerText } = await influencerInputs(name, args);
      assert.notEqual(providerText, OLD_PROVIDER, "today's text differs from the stored one");
      assert.ok(providerText.length < OLD_PROVIDER.length / 5, `today's text: ${providerText.length} bytes`);
      const made = await rig.host.create(urn(name), inputs);
      // As the old release stored it: its text, and no cloneFrom (0.1.0 had none, and an
      // undeclared one is not recorded).
      const oldState: Props = { ...made.properties, __provider: OLD_PROVIDER };
      assert.ok(!("cloneFrom" in oldState));

      const refreshed = await rig.host.read(made.id, urn(name), oldState, { ...inputs, __provider: OLD_PROVIDER });
      assert.equal(refreshed.id, made.id);
      assert.equal(refreshed.properties.__provider, OLD_PROVIDER, "refresh keeps the stored provider text");
      assert.ok(!("cloneFrom" in refreshed.properties), "refresh adds no cloneFrom the old state lacked");
      assert.equal((await rig.host.diff(made.id, urn(name), refreshed.properties, inputs)).changes, "DIFF_NONE");

      const edited = (await influencerInputs(name, { ...args, style: "linen" })).inputs;
      const d = await rig.host.diff(made.id, urn(name), refreshed.properties, edited);
      assert.deepEqual([d.changes, d.replaces], ["DIFF_SOME", []]);
      const updated = await rig.host.update(made.id, urn(name), refreshed.properties, edited);
      assert.equal(updated.properties.style, "linen");

      await rig.host.delete(made.id, urn(name), { ...updated.properties, __provider: OLD_PROVIDER });
      const row = (await rig.control.state()).influencers.find((r) => r.influencerId === made.id)!;
      assert.ok(row.deletedAt, "deleted through the old provider text");
    });
  }

  it("a Media stored with the serialized shim: refreshes, shows no diff and is forgotten on delete", async () => {
    const OLD_PROVIDER = fixture("media-provider-serialized.txt");
    const { inputs, providerText } = await mediaInputs("old-photo", { projectId: rig.emulator.projectId, url: "https://cdn.example.test/old.jpg" });
    assert.ok(providerText.length < OLD_PROVIDER.length / 5, `today's text: ${providerText.length} bytes`);
    const checked = (await rig.host.check(mediaUrn("old-photo"), {}, inputs)).inputs;
    const made = await rig.host.create(mediaUrn("old-photo"), checked);
    const oldState: Props = { ...made.properties, __provider: OLD_PROVIDER };
    const requestsBefore = (await rig.control.requests()).length;

    const refreshed = await rig.host.read(made.id, mediaUrn("old-photo"), oldState, { ...checked, __provider: OLD_PROVIDER });
    assert.equal(refreshed.properties.assetId, made.properties.assetId);
    assert.equal(refreshed.properties.__provider, OLD_PROVIDER);
    assert.equal((await rig.host.diff(made.id, mediaUrn("old-photo"), refreshed.properties, checked)).changes, "DIFF_NONE");
    await rig.host.delete(made.id, mediaUrn("old-photo"), refreshed.properties);
    assert.equal((await rig.control.requests()).length, requestsBefore, "media refresh and delete make no API call");
  });
});
