// delete: soft delete with a reason the API keeps for audit. Already gone counts as done,
// but only once the key is shown to still see the project (see guard.ts).
import { isNotFound } from "../client";
import type { LifecycleContext } from "./context";
import { confirmDeleted } from "./guard";

type Props = Record<string, unknown>;

export const DEFAULT_DELETE_REASON = "Deleted by Pulumi (pulumi-layers)";

export async function deleteInfluencer(ctx: LifecycleContext, id: string, props: Props): Promise<void> {
  const reason = typeof props.deleteReason === "string" ? props.deleteReason : DEFAULT_DELETE_REASON;
  try {
    await ctx.client.deleteInfluencer(id, reason);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await confirmDeleted(ctx, props.projectId, id, `delete of influencer ${id}`);
  }
}
