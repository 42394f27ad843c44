// URNs and type tokens for dynamic resources, as the engine builds them.
//
// dynamic.Resource(provider, name, props, opts, module?, type = "Resource") registers the type
// `pulumi-nodejs:dynamic${module ? "/" + module : ""}:${type}` (see
// @pulumi/pulumi/dynamic/index.js). So a resource "shown as layers:Influencer" (module
// "layers", type "Influencer") has type `pulumi-nodejs:dynamic/layers:Influencer`; the
// package is always pulumi-nodejs, which is why the engine hands it to the dynamic host.

/** Type token of a dynamic resource with an optional module and type name. */
export function dynamicType(module?: string, type = "Resource"): string {
    return `pulumi-nodejs:dynamic${module ? `/${module}` : ""}:${type}`;
}

/** The type of our product resource (module "layers", type "Influencer"). */
export const influencerType = dynamicType("layers", "Influencer");

/**
 * The URN the engine gives a top-level resource:
 * `urn:pulumi:<stack>::<project>::<type>::<name>`. `type` defaults to the plain dynamic
 * type; pass `influencerType` (or `dynamicType(m, t)`) for a custom-typed resource.
 */
export function makeUrn(
    name: string,
    stack = "dev",
    project = "layers-test",
    type = dynamicType(),
): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** The name segment of a URN (what CheckRequest.name etc. carry). */
export function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts[parts.length - 1];
}

/** The type segment of a URN (last `$`-separated part of the qualified type). */
export function urnType(urn: string): string {
    const parts = urn.split("::");
    const qualified = parts[parts.length - 2] ?? "";
    return qualified.split("$").pop() ?? "";
}
