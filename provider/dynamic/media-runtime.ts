// The Media provider as the dynamic provider host runs it, loaded by its own `__provider`
// text (provider-text.ts). Its exports are a compatibility contract with the text in every
// existing Media state: keep these names and signatures.
import { flushCompileCache } from "../compile-cache"; // first: the modules below load from the cache
import { forHost } from "./host-errors";
import { context } from "./host-context";
import { verifiedCheck } from "../core/access";
import { checkMedia } from "../media/check";
import { createMedia, diffMedia, forgetMessage, readMedia, updateMedia } from "../media/lifecycle";

type Props = Record<string, unknown>;

export { configure } from "./host-context";

export const check = forHost(async function check(_olds: Props, news: Props) {
  return verifiedCheck(context, await checkMedia(news));
});

export const diff = forHost(async function diff(_id: string, olds: Props, news: Props) {
  const { changes, replaces } = diffMedia(olds, news);
  return { changes, replaces, deleteBeforeReplace: false };
});

export const create = forHost(async function create(inputs: Props) {
  return createMedia(context(), inputs);
});

/** The API has no get for media: refresh keeps the recorded outputs. */
export const read = forHost(async function read(id: string, props?: Props) {
  return readMedia(id, props);
});

export const update = forHost(async function update(_id: string, olds: Props, news: Props) {
  return { outs: updateMedia(olds, news) };
});

const deleteResource = forHost(async function deleteResource(id: string, props: Props): Promise<void> {
  console.error(`pulumi-layers: ${forgetMessage(id, props)}`);
});
export { deleteResource as delete };

// Everything this runtime needs is loaded now.
flushCompileCache();
