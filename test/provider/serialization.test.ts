// What state stores in `__provider` for every Influencer (provider/dynamic/provider-text.ts): the
// same text for every resource, small, free of credentials and machine paths, and
// independent of the resource's inputs (delete and refresh run the text stored in state).
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { captureProviderText } from "../support/host";
import { layers, REPO_ROOT } from "./package";

const PROJECT = "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39";
const KEY = "lyr_live_do_not_store_me_0123456789";

describe("the __provider text", () => {
  let texts: string[];
  let inputs: Record<string, Record<string, unknown>>;

  before(async () => {
    process.env.LAYERS_API_KEY = KEY; // present in the program's environment: must not be captured
    try {
      const captured = await captureProviderText(() => {
        const { Influencer } = layers();
        new Influencer("ava", { projectId: PROJECT, name: "Ava", gender: "female", personality: { tone: "warm" } });
        new Influencer("bob", { projectId: PROJECT, prompt: "barista energy", deleteReason: "retired" });
        Influencer.get("carol", "inf_01HX9Y6K7EJ4T2ABCDEFGHJKMN");
        // Same child name under parents of different types: different URNs, same project/stack/name.
        for (const type of ["Red", "Blue"]) {
          const parent = new pulumi.ComponentResource(`shop:index:${type}Team`, "team");
          new Influencer("dave", { projectId: PROJECT }, { parent });
        }
      }, { project: "shop", stack: "feature-x" });
      texts = captured.map((c) => c.providerText);
      inputs = Object.fromEntries(captured.map((c) => [c.urn.split("::").slice(2).join("::"), c.inputs]));
      assert.deepEqual(captured.map((c) => c.type), Array(5).fill("pulumi-nodejs:dynamic/layers:Influencer"));
    } finally {
      delete process.env.LAYERS_API_KEY;
    }
  });

  it("is one identical text for every resource, so the host configures one provider", () => {
    assert.equal(new Set(texts).size, 1);
  });

  it("is a few hundred bytes, not the 3.2 KB closure-serialized shim (it is stored twice per resource)", () => {
    assert.ok(texts[0].length < 450, `${texts[0].length} bytes`);
  });

  it("holds no credentials, absolute paths or inputs", () => {
    for (const needle of [KEY, REPO_ROOT, "/work/", "/tmp/", PROJECT, "Ava"]) {
      assert.ok(!texts[0].includes(needle), `provider text contains ${needle}`);
    }
    assert.ok(!JSON.stringify(inputs).includes(KEY));
  });

  it("loads the implementation by package name at run time", () => {
    assert.match(texts[0], /let p="pulumi-layers\/dist\/provider\/runtime";[^]*require\(p\)/);
  });

  it("is text no key of the inputs can replace, for Influencer and Media", async () => {
    const { Influencer, Media } = layers();
    const evil = "exports.handler = () => ({})";
    const captured = await captureProviderText(() => {
      new Influencer("eve", { projectId: PROJECT, __provider: evil } as never);
      new Media("eve-photo", { projectId: PROJECT, url: "https://cdn.example.test/e.png", __provider: evil } as never);
    });
    const byType = (t: string) => captured.find((c) => c.type === `pulumi-nodejs:dynamic/layers:${t}`)!.providerText;
    assert.equal(byType("Influencer"), texts[0]);
    assert.match(byType("Media"), /let p="pulumi-layers\/dist\/provider\/media\/runtime";[^]*require\(p\)/);
  });

  it("carries the stack identity the host cannot know, as inputs", () => {
    const byName = (n: string) => Object.entries(inputs).filter(([k]) => k.endsWith(`::${n}`)).map(([, v]) => v);
    const [ava] = byName("ava");
    assert.equal(ava.idempotencySeed, "shop/feature-x/ava");
    assert.equal(ava.deleteReason, "Deleted by Pulumi stack shop/feature-x");
    assert.equal(byName("bob")[0].deleteReason, "retired");
    // same name under two parent types: two different seeds, each naming its parent
    const daves = byName("dave").map((i) => String(i.idempotencySeed)).sort();
    assert.equal(daves.length, 2);
    assert.notEqual(daves[0], daves[1]);
    assert.match(daves[0], /shop:index:BlueTeam::team\/dave$/);
  });
});
