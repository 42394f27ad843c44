// check for layers.Media: the inputs' rules, then the file itself (exists, readable, at
// most 10 MiB, an image type the API accepts). Adds what the file's bytes decide to the
// checked inputs (sha256, sizeBytes, contentType), so diff sees a changed file as a
// replacement in `pulumi preview` too. No API call.
import { z } from "zod";
import { ImageFileError, MEDIA_CONTENT_TYPES, readImageFile } from "./image-file";
import { containsUnknown, declared, parsePlanned, parseWith, UUID, zodFailures, type CheckFailure, type Planned } from "../core/validation";

type Props = Record<string, unknown>;

export const mediaInputSchema = z
  .object({
    projectId: z.string().regex(UUID, { error: "must be a Layers project id (a UUID)" }),
    file: z.string().min(1).max(4096).optional(),
    url: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s/]+\S*$/i, { error: "must be an http(s) URL" })
      .optional(),
    contentType: z.enum(MEDIA_CONTENT_TYPES).optional(),
    idempotencySeed: z.string().max(1024).optional(),
  })
  .strict();

/** The inputs check hands on: the program's, plus what it read from the file's bytes. */
export const checkedMediaSchema = mediaInputSchema.extend({
  sha256: z.string().optional(),
  sizeBytes: z.number().optional(),
});
export type MediaInputs = z.input<typeof checkedMediaSchema>;

export const MEDIA_INPUT_KEYS: readonly string[] = Object.keys(mediaInputSchema.shape).filter((k) => k !== "idempotencySeed");

const isDeclared = (v: unknown) => v !== undefined && v !== null;

export async function checkMedia(news: Props, cwd = process.cwd()): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  const inputs: Props = {};
  for (const [key, value] of Object.entries(news)) {
    // sha256 and sizeBytes are the provider's to compute, never taken from the program.
    if (key !== "__provider" && key !== "sha256" && key !== "sizeBytes" && value !== undefined) inputs[key] = value;
  }
  const known: Props = {};
  for (const [key, value] of Object.entries(inputs)) if (isDeclared(value) && !containsUnknown(value)) known[key] = value;
  const failures: CheckFailure[] = [];
  if (!isDeclared(inputs.projectId)) {
    failures.push({ property: "projectId", reason: "projectId is required: the Layers project (UUID) the image belongs to" });
  }
  if (!("projectId" in known)) known.projectId = "00000000-0000-0000-0000-000000000000";
  failures.push(...zodFailures(mediaInputSchema, known, () => `Media takes ${MEDIA_INPUT_KEYS.join(", ")}`));

  const hasFile = isDeclared(inputs.file);
  const hasUrl = isDeclared(inputs.url);
  if (hasFile === hasUrl) {
    failures.push({
      property: hasFile ? "url" : "file",
      reason: hasFile
        ? "url: give exactly one of file or url, not both"
        : "file: give exactly one of file (a path relative to the program directory) or url (http/https)",
    });
  }
  if (hasUrl && isDeclared(inputs.contentType)) {
    failures.push({ property: "contentType", reason: "contentType: applies to a file only; the API takes a URL's type from the URL" });
  }
  if (hasFile && !hasUrl && typeof known.file === "string" && !failures.some((f) => f.property === "file")) {
    failures.push(...(await checkFile(inputs, known.file, cwd)));
  }
  return { inputs, failures };
}

/** Reads the file, records its hash and size, and settles its content type. */
async function checkFile(inputs: Props, file: string, cwd: string): Promise<CheckFailure[]> {
  let image;
  try {
    image = await readImageFile(file, cwd);
  } catch (e) {
    if (e instanceof ImageFileError) return [{ property: "file", reason: `file: ${e.message}` }];
    throw e;
  }
  inputs.sha256 = image.sha256;
  inputs.sizeBytes = image.sizeBytes;
  if (isDeclared(inputs.contentType)) return []; // declared: overrides what the bytes say
  if (!image.sniffedType) {
    return [{
      property: "file",
      reason: `file: ${JSON.stringify(file)} is not an image type the API accepts (${MEDIA_CONTENT_TYPES.join(", ")}); ` +
        "set contentType if the file is one of them",
    }];
  }
  inputs.contentType = image.sniffedType;
  return [];
}

const mediaHint = () => `Media takes ${MEDIA_INPUT_KEYS.join(", ")}`;
// In a preview any field may be unknown: the known rest is all there is to parse.
const plannedMediaSchema = checkedMediaSchema.partial();

/** The checked inputs for create and update (never unknown there). */
export function parseMediaInputs(props: Props): MediaInputs {
  return parseWith(checkedMediaSchema, declared(props), mediaHint);
}

/** The checked inputs for diff: a value that is or holds an unknown is UNKNOWN_INPUT. */
export function parsePlannedMediaInputs(props: Props): Planned<MediaInputs> {
  return parsePlanned<MediaInputs>(plannedMediaSchema, props, mediaHint);
}
