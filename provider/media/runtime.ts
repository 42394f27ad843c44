// This path is written into the `__provider` text of every Media in every existing state
// (`pulumi-layers/dist/provider/media/runtime`), so it stays, as a pointer to the dynamic host.
export * from "../dynamic/media-runtime";
