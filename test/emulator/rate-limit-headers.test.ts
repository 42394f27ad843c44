// The emulator's optional RateLimit headers (createApp / startEmulator `rateLimitHeaders`,
// `--rate-limit-headers`): every answer to a rate-limited key states the policy and what the
// key's bucket holds after that request, 429s included; without the option, or without a
// limit, no such header. The client's reader (provider/client/ratelimit-headers.ts) reads
// exactly what is sent.
import { strict as assert } from "node:assert";
import { createApp } from "../../emulator";
import { parseArgs } from "../../emulator/cli-args";
import { statedLimit } from "../../provider/client/ratelimit-headers";

async function answers(options: { rateLimit?: number; rateLimitHeaders?: boolean }, count: number) {
  const { app, apiKey, projectId } = await createApp({ jobMs: 50, ...options });
  try {
    const out = [];
    for (let i = 0; i < count; i++) {
      const res = await app.inject({ method: "GET", url: `/v1/projects/${projectId}`, headers: { authorization: `Bearer ${apiKey}` } });
      const header = (name: string) => {
        const v = res.headers[name];
        return v === undefined ? undefined : String(v);
      };
      out.push({ status: res.statusCode, policy: header("ratelimit-policy"), current: header("ratelimit"), retryAfter: header("retry-after"), stated: statedLimit(header) });
    }
    return out;
  } finally {
    await app.close();
  }
}

describe("emulator: RateLimit headers (optional)", () => {
  it("states the key's policy and what its bucket holds on every answer, the 429 included", async () => {
    const out = await answers({ rateLimit: 3, rateLimitHeaders: true }, 4);
    assert.deepEqual(out.map((o) => o.status), [200, 200, 200, 429]);
    assert.deepEqual(out.map((o) => o.policy), Array(4).fill('"default";q=3;w=1'));
    // Three requests in well under a second: 2, 1, 0 left, then refused with nothing left.
    assert.deepEqual(out.map((o) => o.current?.replace(/;t=\d+$/, "")), ['"default";r=2', '"default";r=1', '"default";r=0', '"default";r=0']);
    assert.deepEqual(out.map((o) => o.current?.match(/;t=(\d+)$/)?.[1]), ["1", "1", "1", "1"], "the bucket is full again within a second");
    assert.equal(out[3].retryAfter, "1");
    assert.deepEqual(out.map((o) => o.stated), [2, 1, 0, 0].map((remaining) => ({ limit: 3, windowSeconds: 1, remaining })));
  });

  it("a rate that is not a whole number is stated over a 10-second window", async () => {
    const [first] = await answers({ rateLimit: 2.5, rateLimitHeaders: true }, 1);
    assert.equal(first.policy, '"default";q=25;w=10');
    assert.equal(first.stated?.limit! / first.stated?.windowSeconds!, 2.5);
  });

  it("sends none without the option, or without a rate limit", async () => {
    for (const options of [{ rateLimit: 3 }, { rateLimit: 0, rateLimitHeaders: true }]) {
      const out = await answers(options, 4);
      assert.deepEqual(out.map((o) => [o.policy, o.current, o.stated]), Array(4).fill([undefined, undefined, undefined]), JSON.stringify(options));
    }
  });

  it("--rate-limit-headers turns it on", () => {
    assert.equal(parseArgs(["--rate-limit", "10", "--rate-limit-headers"]).rateLimitHeaders, true);
    assert.equal(parseArgs(["--rate-limit", "10"]).rateLimitHeaders, false);
  });
});
