// A loopback API that enforces a per-key request rate like the contract's 429 RATE_LIMITED
// (Retry-After in whole seconds) and otherwise answers every request with `body`.
import * as http from "http";
import type { AddressInfo } from "net";
import { SimulatedRateLimitedApi } from "./simulated-api";

export interface RateLimitedServer {
  url: string;
  api: SimulatedRateLimitedApi;
  close(): Promise<void>;
}

export async function startRateLimitedServer(rps: number, body: unknown): Promise<RateLimitedServer> {
  const api = new SimulatedRateLimitedApi(rps, "token-bucket");
  const started = performance.now();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const retryAfterMs = api.arrive(performance.now() - started);
      if (retryAfterMs !== undefined) {
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfterMs / 1000) });
        res.end(JSON.stringify({ error: { code: "RATE_LIMITED", message: "Too many requests." } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
