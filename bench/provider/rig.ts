// An emulator plus one real dynamic provider host configured against it, as the engine
// would run them; and the engine inputs of many Influencers declared by one program.
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { captureProviderText, engineInputs, startProviderHost, type ProviderHost, type Props } from "../../test/support/host";
import { layers, REPO_ROOT, urn } from "../../test/provider/package";
import { control, type Control } from "./requests";

export { urn, REPO_ROOT };

export interface BenchRig {
  emulator: RunningEmulator;
  host: ProviderHost;
  control: Control;
  close(): Promise<void>;
}

/** A persona with fields the create surface does not take, so create = POST + job + PATCH. */
export const PERSONA = {
  name: "Ava Chen",
  gender: "non_binary",
  ageRange: "25-34",
  style: "minimalist streetwear",
  personality: { traits: ["curious", "warm"], tone: "conversational" },
};

export const HOST_ENV = { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" };

/**
 * No per-call deadline to speak of: the engine sets none, and a create queued behind 199
 * others at 10 req/s legitimately takes minutes.
 */
const CALL_TIMEOUT_MS = 15 * 60_000;

/** Diagnostic variants of the provider's rate limiter (see limiter-variant-preload.js). */
export type LimiterVariant = "no-pacing" | "slow-start";

export async function startBenchRig(opts: { jobMs: number; rateLimit?: number; rateLimitHeaders?: boolean; limiterVariant?: LimiterVariant }): Promise<BenchRig> {
  const emulator = await startEmulator({ port: 0, jobMs: opts.jobMs, rateLimit: opts.rateLimit, rateLimitHeaders: opts.rateLimitHeaders });
  const variant = opts.limiterVariant
    ? { hostScript: path.join(__dirname, "limiter-variant-host.js"), env: { ...HOST_ENV, BENCH_LIMITER_ORIGIN: emulator.url, BENCH_LIMITER_VARIANT: opts.limiterVariant } }
    : { env: HOST_ENV };
  const host = await startProviderHost({ cwd: REPO_ROOT, callTimeoutMs: CALL_TIMEOUT_MS, ...variant });
  await configureHost(host, emulator);
  return {
    emulator,
    host,
    control: control(emulator.url),
    async close() {
      await host.close().catch(() => undefined);
      await emulator.close();
    },
  };
}

/** As the engine sends it: the whole stack config, the key set with --secret. */
export function configureHost(host: ProviderHost, emulator: Pick<RunningEmulator, "apiKey" | "url">): Promise<void> {
  return host.configure({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": emulator.url }, { secretKeys: ["layers:apiKey"] });
}

export interface Declared {
  name: string;
  urn: string;
  /** Engine inputs, `__provider` included, before check. */
  inputs: Props;
  providerText: string;
}

/** Runs one program declaring an Influencer per name (all with `args`), under mocks. */
export async function declareInfluencers(names: readonly string[], args: Record<string, unknown>): Promise<Declared[]> {
  const captured = await captureProviderText(() => {
    const { Influencer } = layers();
    for (const name of names) new Influencer(name, args as never);
  });
  const byName = new Map(captured.map((c) => [c.name, c]));
  return names.map((name) => {
    const c = byName.get(name);
    if (!c) throw new Error(`capture: no registration for ${name}`);
    return { name, urn: urn(name), inputs: engineInputs(c), providerText: c.providerText };
  });
}
