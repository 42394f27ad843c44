// Where `npm start` keeps its local state, and the environment its pulumi commands run in.
// Everything lives under the git-ignored `.layers/` folder of the repository.
import * as path from "path";

export const STACK = "dev";
/**
 * The emulator's port, the same on every run: Layers returns absolute media URLs, and the
 * thumbnail URLs Pulumi keeps in state (and `npm start` prints) carry it. It is also
 * `layers-emulator`'s default, so `npm run emulator -- --data .layers/emulator.json` serves
 * the same data at the same addresses.
 */
export const DEFAULT_EMULATOR_PORT = 4010;

/** LAYERS_EMULATOR_PORT, else the default; undefined when the variable is not a port number. */
export function emulatorPort(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.LAYERS_EMULATOR_PORT?.trim();
  if (!raw) return DEFAULT_EMULATOR_PORT;
  const port = Number(raw);
  return /^\d+$/.test(raw) && port >= 1 && port <= 65535 ? port : undefined;
}
/** Used only when the user has not chosen a passphrase; it protects local secrets in .layers/. */
export const DEFAULT_PASSPHRASE = "pulumi-layers-local";

export interface LocalPaths {
  root: string;
  layersDir: string;
  /** Local file backend (pulumi state). */
  stateDir: string;
  /** Stack config files (Pulumi.yaml: stackConfigDir). */
  stacksDir: string;
  /** Emulator data. */
  dataFile: string;
}

export function localPaths(root: string): LocalPaths {
  const layersDir = path.join(root, ".layers");
  return {
    root,
    layersDir,
    stateDir: path.join(layersDir, "state"),
    stacksDir: path.join(layersDir, "stacks"),
    dataFile: path.join(layersDir, "emulator.json"),
  };
}

/**
 * The pulumi commands' environment: the local file backend (without touching the user's
 * global `pulumi login`), a passphrase unless the user set one, no update check.
 */
export function pulumiEnv(paths: LocalPaths, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    PULUMI_BACKEND_URL: `file://${paths.stateDir}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  if (!base.PULUMI_CONFIG_PASSPHRASE && !base.PULUMI_CONFIG_PASSPHRASE_FILE) {
    env.PULUMI_CONFIG_PASSPHRASE = DEFAULT_PASSPHRASE;
  }
  return env;
}
