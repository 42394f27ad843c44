// The plugin's resources: each request fitted to the lifecycle functions the dynamic host
// runs too. What the plugin adds is what its protocol can say and the dynamic one cannot: a
// detailed diff (which field, added, changed or removed, and whether it replaces), the
// program's last inputs on refresh and import, and the resource's URN as its identity.
import { verifiedCheck } from "../core/access";
import type { CheckFailure } from "../core/check-failure";
import type { LifecycleContext } from "../core/context";
import { UNKNOWN } from "../core/validation";
import { checkInfluencer } from "../influencer/check";
import { createInfluencer } from "../influencer/create";
import { deleteInfluencer } from "../influencer/delete";
import { diffInfluencer } from "../influencer/diff";
import { readInfluencer } from "../influencer/read";
import { updateInfluencer } from "../influencer/update";
import { checkMedia } from "../media/check";
import { createMedia, diffMedia, forgetMessage, readMedia, updateMedia } from "../media/lifecycle";
import { OUTPUT_KEYS } from "../spec/generated";
import { MEDIA_TOKENS, TOKENS } from "../spec/tokens";
import { parseUrn, type Props } from "./values";

export type DiffKind = "add" | "addReplace" | "delete" | "deleteReplace" | "update" | "updateReplace";
export type DetailedDiff = Record<string, DiffKind>;

export interface DiffAnswer {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  detailedDiff: DetailedDiff;
}

export interface Adapter {
  check(req: { urn: string; olds: Props; news: Props; ctx: () => LifecycleContext; cwd: string }): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diff(req: { id: string; urn: string; olds: Props; news: Props; oldInputs?: Props }): DiffAnswer;
  create(req: { urn: string; news: Props; ctx: LifecycleContext; cwd: string }): Promise<{ id: string; outs: Props }>;
  read(req: { id: string; urn: string; props: Props; inputs: Props; ctx: LifecycleContext }): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(req: { id: string; urn: string; olds: Props; news: Props; ctx: LifecycleContext }): Promise<Props>;
  delete(req: { id: string; urn: string; props: Props; oldInputs?: Props; ctx: LifecycleContext; log: (message: string) => void }): Promise<void>;
}

/** `olds` are the stored outputs (what Layers last reported), `news` the checked inputs. */
export function detailedDiff(changed: readonly string[], replaces: readonly string[], olds: Props, news: Props): DetailedDiff {
  const absent = (v: unknown) => v === undefined || v === null;
  const detail: DetailedDiff = {};
  for (const key of changed) {
    const kind = absent(news[key]) && key !== "status" ? "delete" : absent(olds[key]) ? "add" : "update";
    detail[key] = replaces.includes(key) ? (`${kind}Replace` as DiffKind) : kind;
  }
  return detail;
}

/**
 * Every replacement deletes the old persona first: the new one's create sends the same derived
 * Idempotency-Key whenever its identity did not change (a failed persona, a field under
 * `replaceOnChanges`), and created first it would adopt the very persona about to be deleted.
 * The engine reads this only when it replaces, so it is set on every answer (it also covers
 * replacements the program's `replaceOnChanges` asks for). `pulumi up --replace` skips Diff:
 * there only the resource option helps (the TypeScript classes set it; docs/plugin.md).
 */
function answer(changed: string[], replaces: string[], stables: string[], olds: Props, news: Props): DiffAnswer {
  return { changes: changed.length > 0, replaces, stables, deleteBeforeReplace: true, detailedDiff: detailedDiff(changed, replaces, olds, news) };
}

/** The URN names the resource in its stack for good: what its create's Idempotency-Key derives from. */
const withSeed = (news: Props, urn: string): Props => ({ ...news, idempotencySeed: urn });

const influencer: Adapter = {
  check: ({ news, ctx }) => verifiedCheck(ctx, checkInfluencer(news)),
  diff: ({ olds, news }) => {
    const outcome = diffInfluencer(olds, news);
    return answer(outcome.changed, outcome.replaces, outcome.stables, olds, news);
  },
  create: ({ urn, news, ctx }) => createInfluencer(ctx, withSeed(news, urn)),
  read: async ({ id, props, inputs, ctx }) => {
    // Import (`pulumi import`, the `import` option) reads with no state: hand back the inputs that match.
    const stored = Object.keys(props).length ? props : undefined;
    return readInfluencer(ctx, id, stored, stored && Object.keys(inputs).length ? inputs : undefined);
  },
  update: ({ id, olds, news, ctx }) => updateInfluencer(ctx, id, olds, news),
  // The reason: as last declared (an imported persona's outputs hold none until an update),
  // else as recorded, else the stack's.
  delete: ({ id, urn, props, oldInputs, ctx }) => {
    const { project, stack } = parseUrn(urn);
    const declared = typeof oldInputs?.deleteReason === "string" ? { ...props, deleteReason: oldInputs.deleteReason } : props;
    return deleteInfluencer(ctx, id, declared, `Deleted by Pulumi stack ${project}/${stack}`);
  },
};

const media: Adapter = {
  check: async ({ news, ctx, cwd }) => verifiedCheck(ctx, await checkMedia(news, cwd)),
  diff: ({ olds, news }) => {
    const outcome = diffMedia(olds, news);
    return answer(outcome.changed, outcome.replaces, [], olds, news);
  },
  create: ({ urn, news, ctx, cwd }) => createMedia(ctx, withSeed(news, urn), cwd),
  read: async ({ id, props }) => readMedia(id, Object.keys(props).length ? props : undefined),
  update: async ({ olds, news }) => updateMedia(olds, news),
  delete: async ({ id, props, log }) => log(forgetMessage(id, props)),
};

const ADAPTERS: Record<string, Adapter> = { [TOKENS.influencer]: influencer, [MEDIA_TOKENS.media]: media };

/** A preview's create: the inputs, and unknown for every output the create would report. */
export function plannedOutputs(urn: string, news: Props): Props {
  const { type } = parseUrn(urn);
  const keys = OUTPUT_KEYS[type as keyof typeof OUTPUT_KEYS] ?? [];
  return { ...Object.fromEntries(keys.map((k) => [k, UNKNOWN])), ...news };
}

export function adapterFor(urn: string): Adapter {
  const { type } = parseUrn(urn);
  const adapter = ADAPTERS[type];
  if (!adapter) throw new Error(`pulumi-resource-layers has no resource type ${type} (it has ${Object.keys(ADAPTERS).join(", ")})`);
  return adapter;
}
