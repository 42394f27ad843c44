// delete: soft delete with a reason the API keeps for audit. Already gone counts as done,
// but only once the key is shown to still see the project (see guard.ts).
import { isNotFound } from "../client";
import { parseState } from "./state";
import type { LifecycleContext } from "../core/context";
import { confirmDeleted } from "./guard";
import type { HostProps } from "../core/validation";

export const DEFAULT_DELETE_REASON = "Deleted by Pulumi (pulumi-layers)";

/** `props` are the stored outputs; `defaultReason` applies when they record none. */
export async function deleteInfluencer(ctx: LifecycleContext, id: string, props: HostProps, defaultReason = DEFAULT_DELETE_REASON): Promise<void> {
  const state = parseState(props);
  const reason = state.deleteReason ?? defaultReason;
  try {
    await ctx.client.deleteInfluencer(id, reason);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await confirmDeleted(ctx, state.projectId, id, `delete of influencer ${id}`);
  }
}
