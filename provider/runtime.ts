// This path is written into the `__provider` text of every Influencer in every existing
// state (provider-text.ts, and the serialized shims of earlier releases load
// `pulumi-layers/dist/provider/runtime`), so it stays, as a pointer to the dynamic host.
export * from "./dynamic/influencer-runtime";
