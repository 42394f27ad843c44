// The provider as the dynamic provider host runs it. The serialized shim (shim.ts) loads
// this module by package path at run time, so its exports are a compatibility contract
// with the `__provider` text in every existing state: keep these names and signatures.
// All resources of a host share this module, hence one settings object, one client and
// one rate budget per process.
import { LayersClient } from "./client";
import { diffInfluencer } from "./diff";
import { validateInputs } from "./schema";
import { readSettings, MissingApiKeyError, type ConfigSource, type Settings } from "./settings";
import type { LifecycleContext } from "./lifecycle/context";
import { createInfluencer } from "./lifecycle/create";
import { readInfluencer } from "./lifecycle/read";
import { updateInfluencer } from "./lifecycle/update";
import { deleteInfluencer } from "./lifecycle/delete";

type Props = Record<string, unknown>;

const state: { settings?: Settings; settingsError?: Error; ctx?: LifecycleContext } = {};

function context(): LifecycleContext {
  if (state.ctx) return state.ctx;
  if (state.settingsError) throw state.settingsError;
  const settings = (state.settings ??= readSettings(undefined));
  if (!settings.apiKey) throw new MissingApiKeyError();
  state.ctx = {
    client: new LayersClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey }),
    jobTimeoutSeconds: settings.jobTimeoutSeconds,
    log: (message) => console.error(`pulumi-layers: ${message}`),
  };
  return state.ctx;
}

// Never throws: the host caches the provider before configure finishes, so a throw here
// would fail one call and leave every later call running unconfigured. A bad setting is
// reported by the first call that needs it instead. Synchronous up to its end, so calls
// the host runs concurrently with it already see the settings.
export async function configure(req: { config?: ConfigSource } | undefined): Promise<void> {
  state.ctx = undefined;
  try {
    state.settings = readSettings(req?.config);
    state.settingsError = undefined;
  } catch (e) {
    state.settings = undefined;
    state.settingsError = e as Error;
  }
}

export async function check(_olds: Props, news: Props) {
  const inputs: Props = {};
  for (const [key, value] of Object.entries(news)) if (key !== "__provider" && value !== undefined) inputs[key] = value;
  return { inputs, failures: validateInputs(inputs) };
}

export async function diff(_id: string, olds: Props, news: Props) {
  const { changes, replaces, stables, deleteBeforeReplace } = diffInfluencer(olds, news);
  return { changes, replaces, stables, deleteBeforeReplace };
}

export async function create(inputs: Props) {
  const { id, outs } = await createInfluencer(context(), inputs);
  return { id, outs };
}

export async function read(id: string, props?: Props) {
  return readInfluencer(context(), id, props);
}

export async function update(id: string, olds: Props, news: Props) {
  return { outs: await updateInfluencer(context(), id, olds, news) };
}

// `delete` is a reserved word for a function name; the shim calls it by property.
async function deleteResource(id: string, props: Props): Promise<void> {
  await deleteInfluencer(context(), id, props);
}
export { deleteResource as delete };
