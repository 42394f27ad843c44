// Provider settings, read inside the provider host at run time (configure / environment),
// never captured when the program serializes the provider: whatever is captured is stored
// in plain text in the state of every resource.

export interface Settings {
  apiKey?: string;
  baseUrl: string;
  jobTimeoutSeconds: number;
}

export interface ConfigSource {
  get(key: string): string | undefined;
}

export const DEFAULT_BASE_URL = "https://api.layers.com";
export const DEFAULT_JOB_TIMEOUT_SECONDS = 900;

export function readSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): Settings {
  const get = (key: string) => {
    try {
      return config?.get(key) || undefined;
    } catch {
      return undefined; // the host builds its Config from the engine's configure call, which may not have come
    }
  };
  const baseUrl = (get("layers:baseUrl") ?? env.LAYERS_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) {
    throw new Error(`layers:baseUrl must be an http(s) URL such as ${DEFAULT_BASE_URL} (got ${JSON.stringify(baseUrl)})`);
  }
  const timeout = get("layers:jobTimeoutSeconds") ?? env.LAYERS_JOB_TIMEOUT_SECONDS;
  const jobTimeoutSeconds = timeout === undefined ? DEFAULT_JOB_TIMEOUT_SECONDS : Number(timeout);
  if (!Number.isFinite(jobTimeoutSeconds) || jobTimeoutSeconds <= 0) {
    throw new Error(`layers:jobTimeoutSeconds must be a positive number of seconds (got ${JSON.stringify(timeout)})`);
  }
  return { apiKey: get("layers:apiKey") ?? (env.LAYERS_API_KEY || undefined), baseUrl, jobTimeoutSeconds };
}

export class MissingApiKeyError extends Error {
  constructor() {
    super(
      "The Layers API key is not set. Set it for the stack with `pulumi config set --secret layers:apiKey <key>`, " +
        "or export LAYERS_API_KEY. (The local emulator's default key is lyr_test_emulator.)",
    );
    this.name = "MissingApiKeyError";
  }
}
