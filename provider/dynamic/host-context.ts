// The provider host's one set of settings and one API client, shared by every resource type
// the host runs (Influencer and Media providers are separate `__provider` texts, each
// configured by the host, but they load modules from the same package: one rate budget).
import { LayersClient } from "../client";
import { readSettings, MissingApiKeyError, type ConfigSource, type Settings } from "../core/settings";
import type { LifecycleContext } from "../core/context";

const state: { settings?: Settings; settingsError?: Error; ctx?: LifecycleContext } = {};

export function context(): LifecycleContext {
  if (state.ctx) return state.ctx;
  if (state.settingsError) throw state.settingsError;
  const settings = (state.settings ??= readSettings(undefined));
  if (!settings.apiKey) throw new MissingApiKeyError();
  state.ctx = {
    client: new LayersClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey }),
    jobTimeoutSeconds: settings.jobTimeoutSeconds,
    log: (message) => console.error(`pulumi-layers: ${message}`),
    baseUrl: settings.baseUrl,
  };
  return state.ctx;
}

/** The base URL the host is configured with, for error messages (undefined before configure). */
export function configuredBaseUrl(): string | undefined {
  return state.settings?.baseUrl;
}

// Never throws: the host caches the provider before configure finishes, so a throw here
// would fail one call and leave every later call running unconfigured. A bad setting is
// reported by the first call that needs it instead. Synchronous up to its end, so calls
// the host runs concurrently with it already see the settings.
// The host calls it once per provider text it loads (Influencer, Media, an older release's
// text still in state), all with the stack's config: the same settings keep the client, and
// with it what its job history has learnt (client/jobs.ts).
export async function configure(req: { config?: ConfigSource } | undefined): Promise<void> {
  try {
    const settings = readSettings(req?.config);
    if (!state.settings || !sameSettings(state.settings, settings)) state.ctx = undefined;
    state.settings = settings;
    state.settingsError = undefined;
  } catch (e) {
    state.ctx = undefined;
    state.settings = undefined;
    state.settingsError = e as Error;
  }
}

/** Every field, so that a setting added later cannot leave a client built without it. */
function sameSettings(a: Settings, b: Settings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Settings>;
  return [...keys].every((k) => a[k] === b[k]);
}
