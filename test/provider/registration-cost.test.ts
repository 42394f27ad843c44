// What declaring a persona costs in the user's program. The SDK gives every output property
// promises that each capture a stack for its leak report, and ts-node source-maps every
// capture: ~130 captures, ~13 ms of CPU per persona before provider/register.ts. The
// resource's own source position (Resource.callsites, which raises the limit itself) must
// survive, and the program's Error.stackTraceLimit must come back unchanged.
import { strict as assert } from "node:assert";
import { captureProviderText } from "../support/host";
import { layers } from "./package";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";

describe("registering a resource in the program", () => {
  let original: typeof Error.prepareStackTrace;
  let framesFormatted: number[];
  beforeEach(() => {
    original = Error.prepareStackTrace;
    framesFormatted = [];
    // Counts stacks formatted with at least one frame: what source-map-support pays for.
    Error.prepareStackTrace = (err, frames) => {
      if (frames.length > 0) framesFormatted.push(frames.length);
      return `${err}\n${frames.map((f) => `    at ${f}`).join("\n")}`;
    };
  });
  afterEach(() => (Error.prepareStackTrace = original));

  for (const kind of ["Influencer", "Media"] as const) {
    it(`a ${kind} formats one stack (its source position), not one per output promise`, async () => {
      const limit = Error.stackTraceLimit;
      await captureProviderText(() => {
        const m = layers();
        framesFormatted = [];
        if (kind === "Influencer") new m.Influencer("ava", { projectId: PROJECT, name: "Ava" });
        else new m.Media("photo", { projectId: PROJECT, url: "https://cdn.example.test/a.png" });
        assert.ok(framesFormatted.length <= 2, `${framesFormatted.length} stacks formatted in the constructor`);
        assert.ok(Math.max(...framesFormatted) > 3, "the source position's stack keeps its frames");
      });
      assert.equal(Error.stackTraceLimit, limit, "the program's limit is restored");
    });
  }

  it("restores the program's limit when registration throws", async () => {
    const limit = Error.stackTraceLimit;
    await captureProviderText(() => {
      const { Influencer } = layers();
      assert.throws(() => new Influencer("bad", { projectId: PROJECT }, { parent: {} as never }));
    });
    assert.equal(Error.stackTraceLimit, limit);
  });
});
