// What every lifecycle function needs, passed in so the functions stay plain and testable.
import type { LayersClient } from "../client";
import type { InfluencerInputs } from "../influencer/types";

export interface LifecycleContext {
  client: LayersClient;
  /** Default deadline for generation jobs when the resource sets no jobTimeoutSeconds. */
  jobTimeoutSeconds: number;
  /** Progress lines (the provider host's stderr shows them in Pulumi's diagnostics). */
  log?: (message: string) => void;
  /** The API's base URL, for messages that say what to check. */
  baseUrl?: string;
}

export function deadlineFor(ctx: LifecycleContext, inputs: Pick<InfluencerInputs, "jobTimeoutSeconds">): number {
  const seconds = inputs.jobTimeoutSeconds ?? ctx.jobTimeoutSeconds;
  return Date.now() + seconds * 1000;
}
