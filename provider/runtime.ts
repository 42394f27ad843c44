// The provider as the dynamic provider host runs it. The `__provider` text in state
// (provider-text.ts, and the serialized shims of earlier releases) loads this module by
// package path at run time, so its exports are a compatibility contract with every
// existing state: keep these names and signatures.
// All resources of a host share this module, hence one settings object, one client and
// one rate budget per process. The lifecycle functions take the host's property bags as
// they come and parse them once (provider/inputs.ts, provider/state.ts).
import { forHost } from "./host-errors";
import { diffInfluencer } from "./diff";
import { validateInputs } from "./schema";
import { context } from "./host-context";
import { createInfluencer } from "./lifecycle/create";
import { readInfluencer } from "./lifecycle/read";
import { updateInfluencer } from "./lifecycle/update";
import { deleteInfluencer } from "./lifecycle/delete";

type Props = Record<string, unknown>;

export { configure } from "./host-context";

export const check = forHost(async function check(_olds: Props, news: Props) {
  const inputs: Props = {};
  for (const [key, value] of Object.entries(news)) if (key !== "__provider" && value !== undefined) inputs[key] = value;
  return { inputs, failures: validateInputs(inputs) };
});

export const diff = forHost(async function diff(_id: string, olds: Props, news: Props) {
  const { changes, replaces, stables, deleteBeforeReplace } = diffInfluencer(olds, news);
  return { changes, replaces, stables, deleteBeforeReplace };
});

export const create = forHost(async function create(inputs: Props) {
  const { id, outs } = await createInfluencer(context(), inputs);
  return { id, outs };
});

export const read = forHost(async function read(id: string, props?: Props) {
  return readInfluencer(context(), id, props);
});

export const update = forHost(async function update(id: string, olds: Props, news: Props) {
  return { outs: await updateInfluencer(context(), id, olds, news) };
});

// `delete` is a reserved word for a function name; the host calls it by property.
const deleteResource = forHost(async function deleteResource(id: string, props: Props): Promise<void> {
  await deleteInfluencer(context(), id, props);
});
export { deleteResource as delete };
