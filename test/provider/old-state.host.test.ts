// State written before Media and cloneFrom existed keeps working: an Influencer recorded by
// 0.1.0 (its `__provider` text, as stored then, and no cloneFrom) refreshes, diffs clean
// against today's program, updates and deletes in the real provider host.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Props } from "../support/host";
import { influencerInputs, startRig, urn, REPO_ROOT, type Rig } from "./support";

const OLD_PROVIDER = readFileSync(path.join(REPO_ROOT, "test/fixtures/state/influencer-provider-0.1.0.txt"), "utf8");

describe("Influencer state from before cloneFrom (0.1.0 provider text)", function () {
  this.timeout(60_000);
  let rig: Rig;
  before(async () => (rig = await startRig()));
  after(async () => rig?.close());

  it("refreshes, shows no diff, updates and deletes", async () => {
    const args = { projectId: rig.emulator.projectId, name: "Old Timer", style: "tweed" };
    const { inputs, providerText } = await influencerInputs("old", args);
    assert.notEqual(providerText, OLD_PROVIDER, "today's text differs from the stored one");
    const made = await rig.host.create(urn("old"), inputs);
    const oldState: Props = { ...made.properties, __provider: OLD_PROVIDER };
    assert.ok(!("cloneFrom" in oldState));

    const refreshed = await rig.host.read(made.id, urn("old"), oldState, { ...inputs, __provider: OLD_PROVIDER });
    assert.equal(refreshed.id, made.id);
    assert.equal(refreshed.properties.__provider, OLD_PROVIDER, "refresh keeps the stored provider text");
    assert.ok(!("cloneFrom" in refreshed.properties));
    assert.equal((await rig.host.diff(made.id, urn("old"), refreshed.properties, inputs)).changes, "DIFF_NONE");

    const edited = (await influencerInputs("old", { ...args, style: "linen" })).inputs;
    const d = await rig.host.diff(made.id, urn("old"), refreshed.properties, edited);
    assert.deepEqual([d.changes, d.replaces], ["DIFF_SOME", []]);
    const updated = await rig.host.update(made.id, urn("old"), refreshed.properties, edited);
    assert.equal(updated.properties.style, "linen");

    await rig.host.delete(made.id, urn("old"), { ...updated.properties, __provider: OLD_PROVIDER });
    const row = (await rig.control.state()).influencers.find((r) => r.influencerId === made.id)!;
    assert.ok(row.deletedAt, "deleted through the old provider text");
  });
});
