// Many clients in one process, one API key limited to 20 req/s: the process-wide limiter must
// keep every call succeeding and keep 429s rare. Real sockets and real time (about 3 s).
import * as assert from "assert";
import { LayersClient, limiterFor, resetLimiters } from "../../provider/client";
import { startRateLimitedServer, type RateLimitedServer } from "./support/rate-limited-server";

const project = { projectId: "0f8e5a43-5c4b-4e3f-9a57-1f2b3c4d5e6f", name: "p", appDescription: null, targetGender: "any", createdAt: "t" };

describe("client shared rate limiter over HTTP", () => {
  let server: RateLimitedServer;
  before(async () => {
    resetLimiters();
    server = await startRateLimitedServer(20, project);
  });
  after(async () => {
    resetLimiters();
    await server.close();
  });

  it("10 clients x 4 calls at once against a 20 req/s key: all succeed, few 429s", async () => {
    const clients = Array.from({ length: 10 }, () => new LayersClient({ baseUrl: server.url, apiKey: "lk_test_key_0000" }));
    await Promise.all(clients.map(async (c) => {
      for (let i = 0; i < 4; i++) await c.getProject(project.projectId);
    }));
    const rateLimited = clients.reduce((n, c) => n + c.stats.rateLimited, 0);
    assert.strictEqual(server.api.accepted, 40);
    assert.ok(rateLimited / (40 + rateLimited) < 0.1, `${rateLimited} 429s for 40 calls`);
    assert.strictEqual(limiterFor(server.url).snapshot().granted, 40 + rateLimited, "every client went through the one shared limiter");
  });
});
