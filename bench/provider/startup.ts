// What one resource costs before any API call: the `__provider` text that every
// resource's state carries, and the provider host's cold start.
import { startEmulator } from "../../emulator";
import { startProviderHost, type Props } from "../../test/support/host";
import { configureHost, declareInfluencers, HOST_ENV, PERSONA, REPO_ROOT } from "./rig";
import { memoryOf } from "./machine";
import { round, summarize, type Summary } from "./stats";

export interface ProviderSize {
  providerBytes: number;
  /** The other inputs of a typical resource, JSON. */
  otherInputBytes: number;
  /** Pulumi keeps `__provider` in both inputs and outputs of each resource. */
  providerBytesInState: number;
  /** Identical text for every resource (the host caches one instance per text). */
  identicalAcrossResources: boolean;
}

export interface ColdStart {
  runs: number;
  /** spawn -> the host prints its port (the SDK is loaded). */
  listeningMs: Summary;
  /** spawn -> the first check returned (provider text evaluated, implementation loaded). */
  firstCheckMs: Summary;
  /** spawn -> the first create returned against a 0 ms job (client built, first API calls). */
  firstCreateMs: Summary;
  hostRssAfterFirstCreateMb: Summary;
}

export async function measureProviderSize(): Promise<ProviderSize> {
  const [a, b] = await declareInfluencers(["size-a", "size-b"], { projectId: "00000000-0000-4000-8000-000000000000", ...PERSONA });
  const { __provider: _p, ...others } = a.inputs as Props;
  const providerBytes = Buffer.byteLength(a.providerText);
  return {
    providerBytes,
    otherInputBytes: Buffer.byteLength(JSON.stringify(others)),
    providerBytesInState: 2 * providerBytes,
    identicalAcrossResources: a.providerText === b.providerText,
  };
}

export async function measureColdStart(runs: number): Promise<ColdStart> {
  const emulator = await startEmulator({ port: 0, jobMs: 0 });
  try {
    const names = Array.from({ length: runs }, (_, i) => `cold-${i}`);
    const declared = await declareInfluencers(names, { projectId: emulator.projectId, ...PERSONA });
    const listening: number[] = [];
    const firstCheck: number[] = [];
    const firstCreate: number[] = [];
    const rss: number[] = [];
    for (const d of declared) {
      const t0 = Date.now();
      const host = await startProviderHost({ cwd: REPO_ROOT, env: HOST_ENV });
      try {
        listening.push(Date.now() - t0);
        await configureHost(host, emulator);
        const checked = (await host.check(d.urn, {}, d.inputs)).inputs;
        firstCheck.push(Date.now() - t0);
        await host.create(d.urn, checked);
        firstCreate.push(Date.now() - t0);
        rss.push(round(memoryOf(host.pid).rssMb, 1));
      } finally {
        await host.close();
      }
    }
    return {
      runs,
      listeningMs: summarize(listening),
      firstCheckMs: summarize(firstCheck),
      firstCreateMs: summarize(firstCreate),
      hostRssAfterFirstCreateMb: summarize(rss),
    };
  } finally {
    await emulator.close();
  }
}
