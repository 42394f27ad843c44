// The dynamic host's one client (provider/dynamic/host-context.ts). The host calls configure
// once per provider text it loads (Influencer, Media, an older release's text), each time
// with the stack's config: the client, and what its job history learnt, must survive that,
// and be replaced when the settings really change.
import { strict as assert } from "node:assert";
import { configure, context } from "../../provider/dynamic/host-context";

const config = (values: Record<string, string>) => ({ config: { get: (key: string) => values[key] } });
const STACK = { "layers:apiKey": "lyr_test_one", "layers:baseUrl": "http://127.0.0.1:1" };

describe("the dynamic host's client across configure calls", () => {
  it("a second configure with the same settings keeps the client", async () => {
    await configure(config(STACK));
    const first = context();
    await configure(config({ ...STACK }));
    assert.equal(context().client, first.client);
  });

  for (const [what, change] of [
    ["key", { "layers:apiKey": "lyr_test_two" }],
    ["base URL", { "layers:baseUrl": "http://127.0.0.1:2" }],
    ["job timeout", { "layers:jobTimeoutSeconds": "60" }],
  ] as const) {
    it(`a configure with another ${what} makes a new client`, async () => {
      await configure(config(STACK));
      const first = context();
      await configure(config({ ...STACK, ...change }));
      const second = context();
      assert.notEqual(second.client, first.client);
      assert.equal(second.baseUrl, (change as Record<string, string>)["layers:baseUrl"] ?? STACK["layers:baseUrl"]);
    });
  }

  it("a bad setting drops the client and is reported by the next call", async () => {
    await configure(config(STACK));
    context();
    await configure(config({ ...STACK, "layers:baseUrl": "not a url" }));
    assert.throws(() => context(), /layers:baseUrl must be an http\(s\) URL/);
    await configure(config(STACK));
    assert.equal(context().baseUrl, STACK["layers:baseUrl"]);
  });
});
