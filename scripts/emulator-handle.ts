// The slice of the emulator's interface `npm start` and the e2e suite use. Loaded at run
// time from the compiled emulator next to this file (dist/emulator from dist/scripts,
// emulator/ from scripts/ under ts-node).
export interface EmulatorOptions {
  port?: number;
  host?: string;
  jobMs?: number;
  dataFile?: string;
  apiKey?: string;
}

export interface EmulatorHandle {
  /** e.g. http://127.0.0.1:43117 */
  url: string;
  apiKey: string;
  /** A project the emulator creates for you (kept in its data file). */
  projectId: string;
  close(): Promise<void>;
}

export async function startLocalEmulator(opts: EmulatorOptions): Promise<EmulatorHandle> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require("../emulator") as { startEmulator(o: EmulatorOptions): Promise<EmulatorHandle> };
  return mod.startEmulator(opts);
}

/** True when `projectId` is a project the emulator knows and `apiKey` can see. */
export async function projectExists(url: string, apiKey: string, projectId: string): Promise<boolean> {
  const res = await fetch(`${url}/v1/projects/${encodeURIComponent(projectId)}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return res.status === 200;
}
