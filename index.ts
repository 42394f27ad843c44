// Package root: what `import * as layers from "pulumi-layers"` gives a Pulumi program.
export {};
