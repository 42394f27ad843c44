// A tiny HTTP server on 127.0.0.1:0 that answers from a queue of scripted responses and
// records every request, so client behaviour (retries, headers, keys) can be asserted
// exactly. When the queue is empty it answers 599 so a test that sends too much fails loudly.
import * as http from "http";
import type { AddressInfo } from "net";

export type Scripted =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Close the connection without a response (the client sees a reset / socket hang up). */
  | { destroy: true };

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedServer {
  url: string;
  requests: Recorded[];
  enqueue(...responses: Scripted[]): void;
  close(): Promise<void>;
}

let counter = 0;
export const requestId = () => `req_${String(++counter).padStart(26, "0")}`;

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Scripted[] = [];
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const next = queue.shift();
      if (!next) {
        res.writeHead(599, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "UNSCRIPTED", message: "no scripted response left" } }));
        return;
      }
      if ("destroy" in next) {
        req.socket.destroy();
        return;
      }
      const send = () => {
        const body = next.body === undefined ? "" : typeof next.body === "string" ? next.body : JSON.stringify(next.body);
        res.writeHead(next.status, { "content-type": "application/json", "x-request-id": requestId(), ...next.headers }).end(body);
      };
      if (next.delayMs) setTimeout(send, next.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...r) => queue.push(...r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An API error body as the contract shapes it. */
export function apiError(code: string, message: string, fieldErrors?: Record<string, string[]>) {
  return { error: { code, message, requestId: requestId(), ...(fieldErrors ? { details: { fieldErrors } } : {}) } };
}
