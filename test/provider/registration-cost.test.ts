// What declaring a persona costs in the user's program (provider/register.ts), for the dynamic
// classes and the plugin's alike. The SDK gives every output property promises that each
// format a stack at once for its leak report, and ts-node source-maps every one: ~130 mapped
// stacks, ~13 ms of CPU per persona before. Those stacks are now formatted without the map;
// the resource's source position, errors and PULUMI_DEBUG_PROMISE_LEAKS keep it. A counting
// formatter stands in for source-map-support.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { captureProviderText } from "../support/host";
import { layers, REPO_ROOT } from "./package";

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

// Importing the package is what every `pulumi up` and `preview` of a program pays first. The
// client (axios, which also makes Node load its fetch implementation) and zod with the input
// schemas cost that program about 0.2 s of CPU (8 ms without them), and only look-ups and
// validateInfluencerArgs need them: they load on first use.
describe("importing the package in the program", () => {
  /** Runs `body` in a fresh node (no module loaded yet) and reports which of axios and zod it loaded after each step. */
  const loadedAfter = (body: string): Record<string, { axios: boolean; zod: boolean }> => {
    const script = `
      const seen = {};
      const mark = (step) => { const files = Object.keys(require.cache); seen[step] = { axios: files.some((f) => f.includes("/node_modules/axios/")), zod: files.some((f) => f.includes("/node_modules/zod/")) }; };
      (async () => { ${body} })().then(() => console.log(JSON.stringify(seen)), (e) => { console.error(e); process.exit(1); });`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, LAYERS_API_KEY: "" } }));
  };

  it("loads neither axios nor zod until a look-up or validateInfluencerArgs needs them", () => {
    const seen = loadedAfter(`
      const layers = require("pulumi-layers");
      mark("import");
      void layers.Influencer, layers.Media, layers.plugin.Influencer, layers.INFLUENCER_INPUT_KEYS;
      mark("classes");
      const failures = layers.validateInfluencerArgs({ projectId: "not-a-uuid" });
      if (failures.length !== 1 || failures[0].property !== "projectId") throw new Error(JSON.stringify(failures));
      mark("validate");`);
    assert.deepEqual(seen.import, { axios: false, zod: false });
    assert.deepEqual(seen.classes, { axios: false, zod: false });
    assert.deepEqual(seen.validate, { axios: false, zod: true }, "validateInfluencerArgs brings the schemas");
  });

  it("a look-up loads the client and goes through it", () => {
    const seen = loadedAfter(`
      const layers = require("pulumi-layers");
      mark("import");
      // An API that refuses the key: one request, no retry.
      const server = require("node:http").createServer((req, res) => {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "UNAUTHORIZED", message: "unknown key" } }));
      });
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      process.env.LAYERS_API_KEY = "lyr_test_unused";
      process.env.LAYERS_BASE_URL = "http://127.0.0.1:" + server.address().port;
      const outcome = await layers.getInfluencer({ influencerId: "inf_01HZZZZZZZZZZZZZZZZZZZZZZZ" }).then(() => "answered", (e) => e.message);
      server.close();
      if (!/401|unknown key/.test(outcome)) throw new Error(outcome);
      mark("lookup");`);
    assert.deepEqual(seen.import, { axios: false, zod: false });
    assert.deepEqual(seen.lookup, { axios: true, zod: true });
  });
});
