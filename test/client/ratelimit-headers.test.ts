// Reading a key's stated limit from the IETF RateLimit-Policy / RateLimit fields, and the
// transport handing it to the shared limiter. Optional headers: whatever is absent or
// malformed yields nothing, never an error.
import * as assert from "assert";
import { AdaptiveLimiter, LayersClient } from "../../provider/client";
import { statedLimit } from "../../provider/client/ratelimit-headers";
import { startScriptedServer } from "./support/scripted-server";

const read = (headers: Record<string, string>) => statedLimit((name) => headers[name]);

describe("client: RateLimit headers", () => {
  it("reads the policy's quota and window, and what is left from the matching RateLimit member", () => {
    assert.deepStrictEqual(read({ "ratelimit-policy": '"default";q=10;w=1', ratelimit: '"default";r=3;t=1' }), { limit: 10, windowSeconds: 1, remaining: 3 });
    assert.deepStrictEqual(read({ "ratelimit-policy": "burst;q=100;w=60" }), { limit: 100, windowSeconds: 60 });
    assert.deepStrictEqual(read({ "ratelimit-policy": '"a, b";q=5;w=1', ratelimit: '"a, b";r=0;t=1' }), { limit: 5, windowSeconds: 1, remaining: 0 }, "a comma inside a quoted name");
  });

  it("paces by the policy with the shortest window: a per-second limit, not a daily quota", () => {
    const headers = { "ratelimit-policy": '"day";q=10000;w=86400, "second";q=20;w=1', ratelimit: '"day";r=9000;t=3600, "second";r=7;t=1' };
    assert.deepStrictEqual(read(headers), { limit: 20, windowSeconds: 1, remaining: 7 });
  });

  it("reads the draft-07 policy form, the quota as the item", () => {
    assert.deepStrictEqual(read({ "ratelimit-policy": "10;w=1" }), { limit: 10, windowSeconds: 1 });
  });

  it("yields nothing for an absent, partial or malformed policy", () => {
    for (const policy of [undefined, "", "default", '"default";w=1', '"default";q=10', '"default";q=0;w=1', '"default";q=10;w=0', '"default";q=abc;w=1', "limit=10, remaining=5", '"unterminated;q=10;w=1']) {
      assert.strictEqual(read(policy === undefined ? {} : { "ratelimit-policy": policy }), undefined, String(policy));
    }
    assert.deepStrictEqual(read({ "ratelimit-policy": '"a";q=10;w=1', ratelimit: '"b";r=0' }), { limit: 10, windowSeconds: 1 }, "another policy's counter is not ours");
  });

  it("the transport hands each response's stated limit to the shared limiter, 429s included", async () => {
    const server = await startScriptedServer();
    try {
      const project = { projectId: "p1", name: "p", appDescription: null, targetGender: "any", createdAt: "t" };
      const stated = { "ratelimit-policy": '"default";q=12;w=1', ratelimit: '"default";r=0;t=1' };
      server.enqueue({ status: 429, body: { error: { code: "RATE_LIMITED", message: "slow" } }, headers: { ...stated, "retry-after": "0" } }, { status: 200, body: project, headers: stated });
      const limiter = new AdaptiveLimiter();
      const client = new LayersClient({ baseUrl: server.url, apiKey: "lk_test_key_0000", limiter, sleep: async () => undefined, random: () => 0 });
      await client.getProject("p1");
      const snap = limiter.snapshot();
      assert.deepStrictEqual([snap.stated, snap.rate, snap.rateLimited], [12, 12, 1], "paced at the stated 12 req/s from the first answer");
    } finally {
      await server.close();
    }
  });
});
