// The plugin's functions, invoked through the engine (so `provider` picks the org, and the
// look-up runs in the plugin, not in the program).
import * as pulumi from "@pulumi/pulumi";
import type {
  GetInfluencerArgs,
  GetInfluencerOutputArgs,
  GetInfluencerResult,
  GetInfluencersArgs,
  GetInfluencersOutputArgs,
  GetInfluencersResult,
} from "../spec/generated";
import { FUNCTION_TOKENS } from "../spec/tokens";

/** Every persona of a project, following every page (one request per 100 personas). */
export function getInfluencers(args: GetInfluencersArgs, opts?: pulumi.InvokeOptions): Promise<GetInfluencersResult> {
  return pulumi.runtime.invoke(FUNCTION_TOKENS.getInfluencers, { ...args }, opts);
}

/** getInfluencers taking and returning Outputs. */
export function getInfluencersOutput(args: GetInfluencersOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetInfluencersResult> {
  return pulumi.runtime.invokeOutput(FUNCTION_TOKENS.getInfluencers, { ...args }, opts);
}

/** One persona by id, the full record. */
export function getInfluencer(args: GetInfluencerArgs, opts?: pulumi.InvokeOptions): Promise<GetInfluencerResult> {
  return pulumi.runtime.invoke(FUNCTION_TOKENS.getInfluencer, { ...args }, opts);
}

/** getInfluencer taking and returning Outputs. */
export function getInfluencerOutput(args: GetInfluencerOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetInfluencerResult> {
  return pulumi.runtime.invokeOutput(FUNCTION_TOKENS.getInfluencer, { ...args }, opts);
}
