// The Influencer provider as the dynamic provider host runs it: a thin adapter from the
// host's calls to the lifecycle in ../influencer. The `__provider` text in state loads it
// by package path (provider/runtime.ts points here), so its exports are a compatibility
// contract with every existing state: keep these names and signatures.
// All resources of a host share this module, hence one settings object, one client and
// one rate budget per process. The lifecycle functions take the host's property bags as
// they come and parse them once (influencer/inputs.ts, influencer/state.ts).
import { flushCompileCache } from "../compile-cache"; // first: the modules below load from the cache
import { forHost } from "./host-errors";
import { diffInfluencer } from "../influencer/diff";
import { checkInfluencer } from "../influencer/check";
import { context } from "./host-context";
import { verifiedCheck } from "../core/access";
import { createInfluencer } from "../influencer/create";
import { readInfluencer } from "../influencer/read";
import { updateInfluencer } from "../influencer/update";
import { deleteInfluencer } from "../influencer/delete";

type Props = Record<string, unknown>;

export { configure } from "./host-context";

// Valid inputs of a known project are checked against the API once per host: a wrong key,
// org or baseUrl fails `pulumi preview` instead of `pulumi up`.
export const check = forHost(async function check(_olds: Props, news: Props) {
  return verifiedCheck(context, checkInfluencer(news));
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

// Everything this runtime needs is loaded now.
flushCompileCache();
