// layers-migrate's plan, from a stack's state alone: what to import, protect and forget, in
// which order, what it refuses, and that a re-run after an interruption plans only the rest.
import { strict as assert } from "node:assert";
import { DYNAMIC_TYPE, PLUGIN_TYPE, planMigration, type StateResource } from "../../../cli/migrate/plan";

const stack = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev";
const dyn = (name: string, more: Partial<StateResource> = {}): StateResource => ({ urn: `urn:pulumi:dev::app::${DYNAMIC_TYPE}::${name}`, type: DYNAMIC_TYPE, id: `inf_${name}`, parent: stack, ...more });
const plug = (name: string): StateResource => ({ urn: `urn:pulumi:dev::app::${PLUGIN_TYPE}::${name}`, type: PLUGIN_TYPE, id: `inf_${name}`, parent: stack });

describe("layers-migrate's plan", () => {
  it("imports each dynamic Influencer under its own name and id, and forgets the dynamic ones dependents first", () => {
    const plan = planMigration([{ urn: stack, type: "pulumi:pulumi:Stack" }, dyn("ava"), dyn("ava-b"), dyn("marcus", { protect: true })]);
    assert.deepEqual(plan.imports, [
      { type: PLUGIN_TYPE, name: "ava", id: "inf_ava" },
      { type: PLUGIN_TYPE, name: "ava-b", id: "inf_ava-b" },
      { type: PLUGIN_TYPE, name: "marcus", id: "inf_marcus" },
    ]);
    assert.deepEqual(plan.forget, [dyn("marcus").urn, dyn("ava-b").urn, dyn("ava").urn], "state order reversed");
    assert.deepEqual(plan.protect, [plug("marcus").urn]);
    assert.deepEqual(plan.refused, []);
  });

  it("after an interruption between import and forget, imports nothing again and forgets the rest", () => {
    const plan = planMigration([dyn("ava"), plug("ava"), plug("bo")]);
    assert.deepEqual(plan.imports, []);
    assert.deepEqual(plan.forget, [dyn("ava").urn]);
  });

  it("refuses a parented Influencer and one without an id; ignores resources pending delete and other types", () => {
    const plan = planMigration([
      dyn("kid", { parent: "urn:pulumi:dev::app::my:Component::c" }),
      dyn("half", { id: undefined }),
      dyn("gone", { delete: true }),
      { urn: "urn:pulumi:dev::app::pulumi-nodejs:dynamic/layers:Media::photo", type: "pulumi-nodejs:dynamic/layers:Media", id: "med_x" },
    ]);
    assert.deepEqual(plan.imports, []);
    assert.deepEqual(plan.forget, []);
    assert.deepEqual(plan.refused.map((r) => r.urn.split("::").pop()), ["kid", "half"]);
    assert.match(plan.refused[0].reason, /parent/);
    assert.match(plan.refused[1].reason, /no id/);
  });
});
