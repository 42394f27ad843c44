// Helpers shared by the reliability tests: a second provider host against a running
// emulator, waiting for a request in the emulator's log, and the emulator's rows of one
// logical resource (each test gives its resources a unique `prompt`, which the state dump
// exposes, so every persona can be attributed to the resource that made it).
import { startProviderHost, type ProviderHost } from "../support/host";
import { REPO_ROOT, controlClient } from "../provider/support";

export type Control = ReturnType<typeof controlClient>;

export interface EmulatorRow {
  influencerId: string;
  projectId: string;
  prompt: string | null;
  status: string;
  deletedAt: string | null;
  deleteReason: string | null;
  [key: string]: unknown;
}

/** A fresh provider host configured the way the engine does it (key as a secret). */
export async function startHost(
  baseUrl: string,
  apiKey: string,
  opts: { callTimeoutMs?: number } = {},
): Promise<ProviderHost> {
  const host = await startProviderHost({
    cwd: REPO_ROOT,
    env: { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" },
    callTimeoutMs: opts.callTimeoutMs,
  });
  await host.configure({ "layers:apiKey": apiKey, "layers:baseUrl": baseUrl }, { secretKeys: ["layers:apiKey"] });
  return host;
}

/** Every persona row (live and soft-deleted) the emulator holds for `prompt`. */
export async function rowsFor(control: Control, prompt: string): Promise<EmulatorRow[]> {
  const state = await control.state();
  return (state.influencers as EmulatorRow[]).filter((r) => r.prompt === prompt);
}

export const live = (rows: EmulatorRow[]) => rows.filter((r) => !r.deletedAt);

type LoggedRequest = Awaited<ReturnType<Control["requests"]>>[number];

/** Polls the request log until `pred` matches an entry; rejects after `timeoutMs`. */
export async function waitForRequest(control: Control, pred: (r: LoggedRequest) => boolean, timeoutMs = 10_000): Promise<LoggedRequest> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = (await control.requests()).find(pred);
    if (hit) return hit;
    if (Date.now() > until) throw new Error("the awaited request never reached the emulator");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const isCreatePost = (r: LoggedRequest) => r.method === "POST" && /^\/v1\/projects\/[^/]+\/influencers$/.test(r.path);
export const accepted = (r: LoggedRequest) => typeof r.status === "number" && r.status >= 200 && r.status < 300;
