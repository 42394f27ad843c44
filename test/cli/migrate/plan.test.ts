// layers-migrate's plan, from a stack's state alone: what to import, protect and forget, in
// which order, what it refuses, and that a re-run after an interruption plans only the rest.
import { strict as assert } from "node:assert";
import { DYNAMIC_TYPE, PLUGIN_TYPE, planMigration, retained, type StateResource } from "../../../cli/migrate/plan";

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

  it("refuses a stack whose twin of the same name holds another persona, or where another resource depends on a dynamic Influencer", () => {
    const clash = planMigration([dyn("ava"), { ...plug("ava"), id: "inf_other" }]);
    assert.match(clash.refused[0].reason, /already manages another persona \(inf_other\)/);
    const dependent = planMigration([dyn("ava"), { urn: "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", dependencies: [dyn("ava").urn] }]);
    assert.match(dependent.refused[0].reason, /aws:s3\/bucket:Bucket::b depends on it/);
    // A dynamic Influencer depending on another (cloneFrom) is fine: both are moved.
    assert.deepEqual(planMigration([dyn("ava"), dyn("ava-b", { propertyDependencies: { cloneFrom: [dyn("ava").urn] } })]).refused, []);
  });

  it("marks every Influencer to forget retainOnDelete in the exported state, once", () => {
    const exported = { version: 3, deployment: { manifest: {}, resources: [dyn("ava"), plug("bo")] } };
    const plan = planMigration(exported.deployment.resources);
    const marked = retained(exported, plan) as typeof exported;
    assert.deepEqual(marked.deployment.resources.map((r) => r.retainOnDelete), [true, undefined]);
    assert.equal(marked.version, 3);
    assert.equal(retained(marked, planMigration(marked.deployment.resources)), undefined, "nothing left to mark");
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
