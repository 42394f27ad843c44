// The identity of a resource across runs, set by the resource classes as the input
// `idempotencySeed`: what derives its create's Idempotency-Key (see idempotency.ts).
import * as pulumi from "@pulumi/pulumi";

/**
 * Project, stack and resource name. Under a parent the parent's URN takes the place of
 * project and stack: two components may each hold a resource of the same name.
 */
export function idempotencySeed(name: string, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  return opts?.parent ? opts.parent.urn.apply((urn) => `${urn}/${name}`) : `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
}
