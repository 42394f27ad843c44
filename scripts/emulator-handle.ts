// The emulator, as `npm start` and the e2e suite use it. Loaded lazily (the CLI check comes
// first and should not pay for loading fastify); the types come from the emulator itself,
// so a change to its interface breaks the build here rather than at run time.
import type * as Emulator from "../emulator";

export type EmulatorHandle = Pick<Emulator.RunningEmulator, "url" | "apiKey" | "projectId" | "close">;
export type EmulatorOptions = Parameters<typeof Emulator.startEmulator>[0];

export async function startLocalEmulator(opts: EmulatorOptions): Promise<EmulatorHandle> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require("../emulator") as typeof Emulator;
  return mod.startEmulator(opts);
}

/** True when `projectId` is a project the emulator knows and `apiKey` can see. */
export async function projectExists(url: string, apiKey: string, projectId: string): Promise<boolean> {
  const res = await fetch(`${url}/v1/projects/${encodeURIComponent(projectId)}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return res.status === 200;
}
