// layers.Media: the dynamic resource class for a reference image uploaded to a project's
// media library, from a file or a URL. Its inputs and outputs are the package schema's.
import * as pulumi from "@pulumi/pulumi";
import type { MediaArgs, MediaOutputs, MediaState } from "../spec/generated";
import { idempotencySeed } from "./seed";
import { dynamicType, MEDIA_PROVIDER } from "./provider-text";
import { withoutPromiseStacks } from "../register";

const TYPE = dynamicType("Media");

const OUTPUTS = ["assetId", "thumbnailUrl", "sha256", "sizeBytes", "createdAt", "sourceUrl"] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Media extends MediaOutputs {}

/**
 * An image in a project's media library, to bind as a persona's reference image
 * (`referenceImageAssetIds: [photo.assetId]`). The API has no get or delete for media:
 * refresh keeps what was recorded, and destroy forgets the asset (it stays in the library).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Media extends pulumi.CustomResource {
  /** True when `obj` is a Media of this package. */
  static isInstance(obj: unknown): obj is Media {
    return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === TYPE;
  }

  constructor(name: string, args: MediaArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = Object.fromEntries(OUTPUTS.map((k) => [k, undefined]));
    // __provider last, so that no key of args can replace the code the host runs.
    Object.assign(props, args, { idempotencySeed: idempotencySeed(name, opts), __provider: MEDIA_PROVIDER });
    const restore = withoutPromiseStacks();
    try {
      super(TYPE, name, props, opts);
    } finally {
      restore();
    }
  }
}

export type { MediaArgs, MediaState };
