// layers.Media: a reference image uploaded to a project's media library, from a file or a URL.
import * as pulumi from "@pulumi/pulumi";
import { idempotencySeed } from "./seed";
import { dynamicType, MEDIA_PROVIDER } from "./provider-text";
import { withoutPromiseStacks } from "./register";
import type { MediaContentType } from "../media/image-file";

export type { MediaContentType } from "../media/image-file";

export interface MediaArgs {
  /** The Layers project (UUID) whose media library gets the image. Changing it replaces. */
  projectId: pulumi.Input<string>;
  /**
   * A path relative to the program directory (where Pulumi.yaml is). Read by the provider
   * at check (preview too) and create; only its sha256 and size are stored. Changed bytes
   * replace; a moved file with the same bytes does not. Give exactly one of file or url.
   */
  file?: pulumi.Input<string>;
  /** An http(s) URL the API fetches the image from. Changing it replaces. */
  url?: pulumi.Input<string>;
  /** For a file: overrides the type read from its bytes. Changing it replaces. */
  contentType?: pulumi.Input<MediaContentType>;
}

const OUTPUTS = ["assetId", "thumbnailUrl", "sha256", "sizeBytes", "createdAt", "sourceUrl"] as const;

/**
 * An image in a project's media library, to bind as a persona's reference image
 * (`referenceImageAssetIds: [photo.assetId]`). The API has no get or delete for media:
 * refresh keeps what was recorded, and destroy forgets the asset (it stays in the library).
 */
export class Media extends pulumi.CustomResource {
  declare readonly projectId: pulumi.Output<string>;
  /** `med_…`, what referenceImageAssetIds takes. */
  declare readonly assetId: pulumi.Output<string>;
  /** Where the API serves the image. */
  declare readonly url: pulumi.Output<string>;
  declare readonly thumbnailUrl: pulumi.Output<string | null>;
  /** The type sent with a file (declared or read from its bytes); null for a URL. */
  declare readonly contentType: pulumi.Output<MediaContentType | null>;
  /** Hex SHA-256 of the file's bytes; null for a URL. */
  declare readonly sha256: pulumi.Output<string | null>;
  declare readonly sizeBytes: pulumi.Output<number | null>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly file: pulumi.Output<string | undefined>;
  /** The declared `url` (the `url` output is the asset's own). */
  declare readonly sourceUrl: pulumi.Output<string | undefined>;

  constructor(name: string, args: MediaArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = Object.fromEntries(OUTPUTS.map((k) => [k, undefined]));
    // __provider last, so that no key of args can replace the code the host runs.
    Object.assign(props, args, { idempotencySeed: idempotencySeed(name, opts), __provider: MEDIA_PROVIDER });
    const restore = withoutPromiseStacks();
    try {
      super(dynamicType("Media"), name, props, opts);
    } finally {
      restore();
    }
  }
}
