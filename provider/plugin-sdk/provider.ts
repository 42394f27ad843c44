// layers.plugin.Provider: an explicit `pulumi:providers:layers`, one per org. Resources
// created with `{ provider }` use its key and endpoint instead of the stack's layers:* config.
import * as pulumi from "@pulumi/pulumi";
import type { ProviderArgs } from "../spec/generated";

/**
 * A Layers provider with its own API key (an agency managing several orgs declares one per
 * client). The key is kept as a secret: encrypted in state, never shown.
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions) {
    const props: pulumi.Inputs = {
      apiKey: args?.apiKey === undefined ? undefined : pulumi.secret(args.apiKey),
      baseUrl: args?.baseUrl,
      // A provider's inputs reach the plugin as strings, like stack config.
      jobTimeoutSeconds: args?.jobTimeoutSeconds === undefined ? undefined : pulumi.output(args.jobTimeoutSeconds).apply(String),
    };
    super("layers", name, props, opts);
  }
}
