import { strict as assert } from "node:assert";
import { readSettings, MissingApiKeyError, DEFAULT_BASE_URL } from "../../provider/core/settings";

const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

describe("provider settings", () => {
  it("prefers stack config over the environment, and defaults the base URL", () => {
    const env = { LAYERS_API_KEY: "env-key", LAYERS_BASE_URL: "http://env:1" };
    assert.deepEqual(readSettings(config({ "layers:apiKey": "cfg-key", "layers:baseUrl": "http://cfg:2/" }), env), {
      apiKey: "cfg-key", baseUrl: "http://cfg:2", jobTimeoutSeconds: 900,
    });
    assert.deepEqual(readSettings(undefined, env), { apiKey: "env-key", baseUrl: "http://env:1", jobTimeoutSeconds: 900 });
    assert.deepEqual(readSettings(undefined, {}), { apiKey: undefined, baseUrl: DEFAULT_BASE_URL, jobTimeoutSeconds: 900 });
  });

  it("survives a Config whose get throws (the engine never sent configure)", () => {
    const broken = { get: () => { throw new TypeError("Cannot read properties of undefined"); } };
    assert.equal(readSettings(broken, { LAYERS_API_KEY: "k" }).apiKey, "k");
  });

  it("rejects a base URL or timeout that cannot work, naming the key", () => {
    assert.throws(() => readSettings(config({ "layers:baseUrl": "api.layers.com" }), {}), /layers:baseUrl must be an http\(s\) URL/);
    assert.throws(() => readSettings(config({ "layers:jobTimeoutSeconds": "soon" }), {}), /layers:jobTimeoutSeconds must be a positive number/);
    assert.equal(readSettings(config({ "layers:jobTimeoutSeconds": "30" }), {}).jobTimeoutSeconds, 30);
  });

  it("explains how to set a missing key", () => {
    assert.match(new MissingApiKeyError().message, /pulumi config set --secret layers:apiKey <key>.*LAYERS_API_KEY/);
  });
});
