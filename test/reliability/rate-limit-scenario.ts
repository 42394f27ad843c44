// Many creates at once from one provider host against a rate-limited key: the provider's
// shared limiter (provider/client/limiter.ts) must keep every operation alive through the
// 429s. Used by rate-limit.test.ts (npm test size) and test/faults/rate-limit.test.ts (200).
import { startEmulator } from "../../emulator";
import { captureProviderText, engineInputs } from "../support/host";
import { controlClient, layers, urn } from "../provider/support";
import { live, startHost, type EmulatorRow } from "./support";

export interface RateLimitOutcome {
  creates: number;
  failed: string[];
  personas: number;
  requests: number;
  rateLimited: number;
}

export async function createManyAtOnce(count: number, opts: { rateLimit: number; jobMs: number }): Promise<RateLimitOutcome> {
  const emulator = await startEmulator({ port: 0, jobMs: opts.jobMs, rateLimit: opts.rateLimit });
  // No gRPC deadline to speak of: the engine sets none, and queued creates wait their turn.
  const host = await startHost(emulator.url, emulator.apiKey, { callTimeoutMs: 600_000 }).catch(async (e) => {
    await emulator.close();
    throw e;
  });
  try {
    const names = Array.from({ length: count }, (_, i) => `rl${i}`);
    // One program declaring them all, as a stack would.
    const captured = await captureProviderText(() => {
      for (const name of names) new (layers().Influencer)(name, { projectId: emulator.projectId, prompt: `rate-limit ${name}` });
    });
    const results = await Promise.allSettled(captured.map((c) => host.create(urn(c.name), engineInputs(c))));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
    const control = controlClient(emulator.url);
    const log = await control.requests();
    const rows = (await control.state()).influencers as EmulatorRow[];
    return {
      creates: count,
      failed,
      personas: live(rows.filter((r) => String(r.prompt).startsWith("rate-limit "))).length,
      requests: log.length,
      rateLimited: log.filter((r) => r.status === 429).length,
    };
  } finally {
    await host.close().catch(() => undefined);
    await emulator.close();
  }
}
