// layers:index:Media in the package schema. Types and rules from media/check.ts's zod schema.
import { MEDIA_CONTENT_TYPES } from "../media/image-file";
import { mediaInputSchema } from "../media/check";
import { propertiesFromZod, ref, type Properties, type PropertySpec } from "./describe";
import { MEDIA_TOKENS } from "./tokens";

export { MEDIA_TOKENS } from "./tokens";

export const MEDIA_DESCRIPTION =
  "An image in a project's media library, uploaded from a file or taken from a URL, to bind to a persona as a reference " +
  "image (`referenceImageAssetIds: [photo.assetId]`). The Layers API has no get or delete for media: refresh keeps what " +
  "was recorded, and destroy forgets the asset (it stays in the library).";

export const mediaInputs: Properties = propertiesFromZod(mediaInputSchema, {
  projectId: { description: "The Layers project (a UUID) whose media library gets the image. Required. Changing it replaces the asset.", replaceOnChanges: true },
  file: {
    description: "A path relative to the program directory (where Pulumi.yaml is). Read at check (preview too) and create; only its sha256 and size are stored. Changed bytes replace the asset; a moved file with the same bytes does not. Give exactly one of `file` or `url`.",
  },
  url: { description: "An http(s) URL Layers fetches the image from. Changing it replaces the asset. Give exactly one of `file` or `url`.", replaceOnChanges: true },
  contentType: {
    description: "For a file: overrides the type read from its bytes. Changing it replaces the asset.",
    type: ref(MEDIA_TOKENS.contentType),
    replaceOnChanges: true,
  },
});

const output = (description: string, type: PropertySpec["type"] = { type: "string" }): PropertySpec => ({ description, type });
const nullable = (description: string, type: PropertySpec["type"] = { type: "string" }): PropertySpec => ({ description, type, nullable: true });

export const mediaOutputs: Properties = {
  assetId: output("The asset's id (`med_` + 26 characters): what `referenceImageAssetIds` takes; also the resource's id."),
  projectId: output("The Layers project (a UUID) whose media library holds the image."),
  url: output("Where Layers serves the image."),
  thumbnailUrl: nullable("The image's thumbnail, when there is one."),
  contentType: nullable("The type sent with a file (declared or read from its bytes); absent for a URL.", ref(MEDIA_TOKENS.contentType)),
  sha256: nullable("Hex SHA-256 of the file's bytes; absent for a URL."),
  sizeBytes: nullable("The file's size in bytes; absent for a URL.", { type: "integer" }),
  createdAt: output("When Layers stored the asset (RFC 3339)."),
  file: output("The declared `file`."),
  sourceUrl: output("The declared `url` (the `url` output is the asset's own)."),
};

export const MEDIA_REQUIRED_OUTPUTS = ["assetId", "projectId", "url"] as const;

export const mediaEnums = {
  [MEDIA_TOKENS.contentType]: {
    description: "Image types the media endpoint accepts.",
    values: MEDIA_CONTENT_TYPES,
  },
} as const;
