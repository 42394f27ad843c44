// What declaring a persona costs in the user's program (provider/register.ts), for the dynamic
// classes and the plugin's alike. The SDK gives every output property promises that each
// format a stack at once for its leak report, and ts-node source-maps every one: ~130 mapped
// stacks, ~13 ms of CPU per persona before. Those stacks are now formatted without the map;
// the resource's source position, errors and PULUMI_DEBUG_PROMISE_LEAKS keep it. A counting
// formatter stands in for source-map-support.
import { strict as assert } from "node:assert";
import { captureProviderText } from "../support/host";
import { layers } from "./package";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";

describe("registering a resource in the program", () => {
  let original: typeof Error.prepareStackTrace;
  let counting: typeof Error.prepareStackTrace;
  let mapped: number;
  beforeEach(() => {
    original = Error.prepareStackTrace;
    mapped = 0;
    counting = (err, frames) => {
      if (frames.length > 0) mapped += 1;
      return `${err}${frames.map((f) => `\n    at ${f}`).join("")}`;
    };
    Error.prepareStackTrace = counting;
  });
  afterEach(() => {
    Error.prepareStackTrace = original;
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  });

  type Kind = "Influencer" | "Media" | "plugin.Influencer" | "plugin.Media";
  const declare = (kind: Kind, name = "ava") => {
    const m = layers();
    const { Influencer, Media } = kind.startsWith("plugin.") ? m.plugin : m;
    if (kind.endsWith("Influencer")) return new Influencer(name, { projectId: PROJECT, name: "Ava" });
    return new Media(name, { projectId: PROJECT, url: "https://cdn.example.test/a.png" });
  };

  // The plugin's classes register through the same SDK path, so the same promises.
  for (const kind of ["Influencer", "Media", "plugin.Influencer", "plugin.Media"] as const) {
    it(`a ${kind} source-maps one stack (its source position), not one per output promise`, async () => {
      await captureProviderText(() => {
        mapped = 0;
        declare(kind);
        assert.ok(mapped >= 1 && mapped <= 2, `${mapped} stacks source-mapped in the constructor`);
      });
      assert.equal(Error.prepareStackTrace, counting, "the program's formatter is back");
    });
  }

  for (const kind of ["Influencer", "plugin.Influencer"] as const) {
    it(`with PULUMI_DEBUG_PROMISE_LEAKS set, every promise stack of a ${kind} is mapped, as the leak report needs`, async () => {
      process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
      await captureProviderText(() => {
        mapped = 0;
        declare(kind, "leaky");
        assert.ok(mapped > 50, `${mapped} stacks mapped`);
      });
    });
  }

  it("an error thrown during registration keeps a mapped stack that reaches the user's code", async () => {
    await captureProviderText(() => {
      const { Influencer } = layers();
      let thrown: unknown;
      try {
        new Influencer("bad", { projectId: PROJECT }, { parent: {} as never });
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof Error, "a bad parent is refused");
      mapped = 0;
      const stack = String(thrown.stack);
      assert.equal(mapped, 1, "formatted by the program's own formatter, once read");
      assert.match(stack, /registration-cost\.test\.ts/, stack);
    });
    assert.equal(Error.prepareStackTrace, counting, "restored after the throw");
  });
});
