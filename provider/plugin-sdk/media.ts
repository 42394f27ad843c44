// layers.plugin.Media: the Media as the `pulumi-resource-layers` plugin serves it
// (type token layers:index:Media); the same resource as the dynamic layers.Media.
import * as pulumi from "@pulumi/pulumi";
import type { MediaArgs, MediaOutputs } from "../spec/generated";
import { MEDIA_TOKENS } from "../spec/tokens";
import { withoutPromiseStacks } from "../register";
import { outputSlots } from "./options";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Media extends MediaOutputs {}

/** An image in a project's media library, to bind as a persona's reference image. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Media extends pulumi.CustomResource {
  static isInstance(obj: unknown): obj is Media {
    return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === MEDIA_TOKENS.media;
  }

  constructor(name: string, args: MediaArgs, opts?: pulumi.CustomResourceOptions) {
    const restore = withoutPromiseStacks();
    try {
      super(MEDIA_TOKENS.media, name, { ...outputSlots(MEDIA_TOKENS.media), ...args }, opts);
    } finally {
      restore();
    }
  }
}
