// The options the Influencer registers with the engine.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { layers } from "./package";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");

async function registeredDeleteBeforeReplace(construct: () => void): Promise<Record<string, boolean>> {
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "p", "dev");
  const monitor = settings.getMonitor();
  const seen: Record<string, boolean> = {};
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: { getName(): string; getDeletebeforereplace(): boolean }, cb: unknown) => {
    seen[req.getName()] = req.getDeletebeforereplace();
    return original(req, cb);
  };
  construct();
  await settings.waitForRPCs();
  return seen;
}

describe("Influencer resource options", () => {
  it("replaces delete-first by default (a forced --replace must not adopt the persona it replaces), and lets the program say otherwise", async () => {
    const seen = await registeredDeleteBeforeReplace(() => {
      const { Influencer } = layers();
      const projectId = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
      new Influencer("default", { projectId });
      new Influencer("explicit", { projectId }, { deleteBeforeReplace: false });
    });
    assert.deepEqual(seen, { default: true, explicit: false });
  });
});
