// The number: 200 creates against a 10 req/s key from one host, every one succeeds.
// Only under FAULTS_SIZE=full (npm run test:faults); npm test runs 40 in test/reliability/.
import { strict as assert } from "node:assert";
import { createManyAtOnce } from "../reliability/rate-limit-scenario";

const full = process.env.FAULTS_SIZE === "full";

describe("shared rate limit at full size: 200 concurrent creates, 10 req/s key", function () {
  this.timeout(600_000);

  it("every create succeeds, one persona each", async function () {
    if (!full) {
      console.log("    skipped: the 200-create run takes about 70 s; it runs under npm run test:faults (FAULTS_SIZE=full). npm test runs 40 creates in test/reliability/rate-limit.test.ts.");
      this.skip();
    }
    const out = await createManyAtOnce(200, { rateLimit: 10, jobMs: 50 });
    console.log(`rate limit: ${out.creates} creates (full size), ${out.requests} requests, ${out.rateLimited} answered 429`);
    assert.deepEqual(out.failed, []);
    assert.equal(out.personas, 200);
  });
});
