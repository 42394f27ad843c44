// One rate budget per host process: many creates at once against a 10 req/s key all succeed.
// 40 creates in `npm test`; FAULTS_SIZE=full (and test/faults/rate-limit.test.ts) runs 200.
import { strict as assert } from "node:assert";
import { createManyAtOnce } from "./rate-limit-scenario";

const count = process.env.FAULTS_SIZE === "full" ? 200 : 40;

describe(`shared rate limit: ${count} concurrent creates against a 10 req/s key, one host`, function () {
  this.timeout(300_000);

  it("every create succeeds, one persona each; 429s are absorbed by the shared limiter", async () => {
    const out = await createManyAtOnce(count, { rateLimit: 10, jobMs: 50 });
    console.log(`rate limit: ${out.creates} creates (${count === 200 ? "full" : "small"} size), ${out.requests} requests, ${out.rateLimited} answered 429`);
    assert.deepEqual(out.failed, []);
    assert.equal(out.personas, count, "exactly one persona per create");
  });
});
