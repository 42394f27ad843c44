// How far the API is: 200 reads at once (a refresh's) through the client, against the emulator
// with a round trip added to every read (an emulator delay fault), with the client's shared
// limiter and without one. The emulator answers from this machine in about a millisecond;
// the real API is tens of milliseconds away, where a cap on requests in flight costs what it
// does not cost here (client.md, "the caps grow with the API's round trip"). The delay is
// the server's, before it answers: no handshake is slowed, and no jitter added. Sockets stay
// open between runs (Node's keep-alive agent), so a run's first reads already teach the
// limiter the distance, one round trip sooner than in a fresh host.
import axios from "axios";
import { startEmulator } from "../../emulator";
import { LayersClient, resetLimiters } from "../../provider/client";
import { summarize } from "./stats";

export interface DistanceRow {
  addedMs: number;
  reads: number;
  runs: number;
  /** Median wall of the reads, with the shared limiter and with none. */
  limitedMs: number;
  unlimitedMs: number;
  /** Requests sent per read (retries included), with the limiter. */
  requestsPerRead: number;
}

export async function measureDistance(opts: { addedMs: number[]; reads: number; runs: number }): Promise<DistanceRow[]> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, jobMs: 10 });
  try {
    const setup = new LayersClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, limiter: null });
    const ids: string[] = [];
    for (let i = 0; i < opts.reads; i++) {
      ids.push((await setup.createInfluencer(emulator.projectId, {}, { idempotencyKey: `distance-${i}` })).influencerId);
    }
    const rows: DistanceRow[] = [];
    for (const addedMs of opts.addedMs) {
      await axios.delete(`${emulator.url}/_emulator/faults`);
      if (addedMs > 0) {
        await axios.post(`${emulator.url}/_emulator/faults`, { method: "GET", path: "/v1/influencers/*", times: 1_000_000, action: { type: "delay", ms: addedMs } });
      }
      const walls: Record<"limited" | "unlimited", number[]> = { limited: [], unlimited: [] };
      let requests = 0;
      for (let run = 0; run < opts.runs; run++) {
        // Each goes first in every other run: the one after finds the emulator warmer.
        const order = run % 2 ? (["unlimited", "limited"] as const) : (["limited", "unlimited"] as const);
        for (const variant of order) {
          resetLimiters(); // a fresh host's limiter, as every `pulumi` command starts one
          const client = new LayersClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, ...(variant === "unlimited" ? { limiter: null } : {}) });
          const t0 = performance.now();
          await Promise.all(ids.map((id) => client.getInfluencer(id)));
          walls[variant].push(performance.now() - t0);
          if (variant === "limited") requests += client.stats.requests;
        }
      }
      rows.push({
        addedMs,
        reads: opts.reads,
        runs: opts.runs,
        limitedMs: Math.round(summarize(walls.limited).median),
        unlimitedMs: Math.round(summarize(walls.unlimited).median),
        requestsPerRead: requests / (opts.runs * opts.reads),
      });
    }
    return rows;
  } finally {
    resetLimiters();
    await emulator.close();
  }
}
