// Shared set-up for the provider's integration tests: an emulator and a real dynamic
// provider host configured against it, plus the emulator's control API.
import axios from "axios";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { startProviderHost, type ProviderHost } from "../support/host";
import { REPO_ROOT } from "./package";

export { REPO_ROOT, layers, urn, mediaUrn, influencerInputs, mediaInputs } from "./package";

export interface Rig {
  emulator: RunningEmulator;
  host: ProviderHost;
  control: ReturnType<typeof controlClient>;
  close(): Promise<void>;
}

export async function startRig(opts: { jobMs?: number; rateLimit?: number; dataFile?: string; cwd?: string } = {}): Promise<Rig> {
  const emulator = await startEmulator({ port: 0, jobMs: opts.jobMs ?? 60, rateLimit: opts.rateLimit, dataFile: opts.dataFile });
  const host = await startProviderHost({ cwd: opts.cwd ?? REPO_ROOT, env: { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" } });
  // As the engine sends it: the key is stack config set with --secret.
  await host.configure({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": emulator.url }, { secretKeys: ["layers:apiKey"] });
  return {
    emulator,
    host,
    control: controlClient(emulator.url),
    async close() {
      await host.close().catch(() => undefined);
      await emulator.close();
    },
  };
}

/** The emulator's control API (loopback only, no key). */
export function controlClient(baseUrl: string) {
  const http = axios.create({ baseURL: `${baseUrl}/_emulator`, validateStatus: () => true });
  return {
    async state(): Promise<{ influencers: Record<string, unknown>[]; jobs: Record<string, unknown>[]; projects: Record<string, unknown>[] }> {
      return (await http.get("/state")).data;
    },
    async requests(): Promise<{ method: string; path: string; status: number; idempotencyKey: string | null }[]> {
      const data = (await http.get("/requests")).data;
      return Array.isArray(data) ? data : data.requests;
    },
    async clearRequests() {
      await http.delete("/requests");
    },
    async fault(rule: Record<string, unknown>) {
      const res = await http.post("/faults", rule);
      if (res.status !== 201) throw new Error(`fault rule refused: ${res.status} ${JSON.stringify(res.data)}`);
    },
    async clearFaults() {
      await http.delete("/faults");
    },
    async org(scopes?: string[]): Promise<{ orgId: string; apiKey: string }> {
      return (await http.post("/orgs", scopes ? { scopes } : {})).data;
    },
    async config(body: { jobMs?: number; rateLimit?: number }) {
      await http.patch("/config", body);
    },
  };
}

/** A plain API call with the emulator's key, for out-of-band changes (the "dashboard"). */
export function dashboard(emulator: RunningEmulator) {
  return axios.create({
    baseURL: `${emulator.url}/v1`,
    headers: { Authorization: `Bearer ${emulator.apiKey}` },
    validateStatus: () => true,
  });
}
