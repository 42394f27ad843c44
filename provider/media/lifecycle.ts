// layers.Media's lifecycle. The API can upload media and nothing else (no get, list, update
// or delete), so: create uploads with a derived Idempotency-Key, refresh keeps what was
// recorded, update only records changed inputs, and delete forgets the asset.
import type { Media } from "../client";
import { canonicalJson, compact } from "../core/normalize";
import type { LifecycleContext } from "../core/context";
import { readImageFile } from "./image-file";
import { isUnknown, type HostProps } from "../core/validation";
import { mediaIdempotencyKey } from "./idempotency";
import { parseMediaInputs, parsePlannedMediaInputs, type MediaInputs } from "./check";
import { parseMediaState, type MediaState } from "./state";

/** Inputs whose change needs a new asset; `file` itself is compared by its bytes (sha256). */
const REPLACING = ["projectId", "contentType"] as const;

/** `olds` are the stored outputs, `news` the checked inputs (unknowns in a preview). */
export function diffMedia(olds: HostProps, news: HostProps): { changes: boolean; replaces: string[]; changed: string[] } {
  const stored = parseMediaState(olds);
  const wanted = parsePlannedMediaInputs(news);
  const replaces: string[] = [];
  const differs = (a: unknown, b: unknown) => isUnknown(b) || canonicalJson(a ?? null) !== canonicalJson(b ?? null);
  // A file unknown in a preview has no type read from it yet: the file's own replacement covers it.
  const typeUnknown = isUnknown(wanted.file) && wanted.contentType === undefined;
  for (const key of REPLACING) if (!(key === "contentType" && typeUnknown) && differs(stored[key], wanted[key])) replaces.push(key);
  // The declared source: the URL (recorded as sourceUrl, `url` being the asset's), or the
  // file's bytes. An unknown file has no hash yet: it may be other bytes.
  if (differs(stored.sourceUrl, wanted.url)) replaces.push("url");
  const fileBytesDiffer = wanted.file !== undefined && (isUnknown(wanted.file) || differs(stored.sha256, wanted.sha256));
  if (fileBytesDiffer || (stored.file !== undefined) !== (wanted.file !== undefined)) replaces.push("file");
  const changed = [...replaces];
  // A moved file with the same bytes is the same asset: recorded, no upload.
  if (!replaces.includes("file") && differs(stored.file, wanted.file)) changed.push("file");
  return { changes: changed.length > 0, replaces, changed };
}

/** `props` are the checked inputs (with the file's sha256, size and type); `file` is relative to `cwd`. */
export async function createMedia(ctx: LifecycleContext, props: HostProps, cwd = process.cwd()): Promise<{ id: string; outs: MediaOutputs }> {
  const inputs = parseMediaInputs(props);
  const projectId = inputs.projectId;
  let body: { url: string } | { dataBase64: string; contentType: string };
  if (inputs.file !== undefined) {
    const image = await readImageFile(inputs.file, cwd);
    // check read the file (sha256) and settled its type (declared, or from the bytes).
    if (image.sha256 !== inputs.sha256 || inputs.contentType === undefined) {
      throw new Error(`file: ${JSON.stringify(inputs.file)} changed after pulumi checked it (sha256 ${image.sha256}, expected ${String(inputs.sha256)}); run pulumi up again`);
    }
    body = { dataBase64: image.bytes.toString("base64"), contentType: inputs.contentType };
  } else if (inputs.url !== undefined) {
    body = { url: inputs.url };
  } else {
    throw new Error("file: give exactly one of file or url"); // check refuses this before any create
  }
  const media = await ctx.client.uploadMedia(projectId, body, { idempotencyKey: mediaIdempotencyKey(inputs) });
  if (media.replayed) ctx.log?.(`adopting media asset ${media.assetId}: an earlier run uploaded it`);
  return { id: media.assetId, outs: mediaOutputs(media, inputs) };
}

export type MediaOutputs = ReturnType<typeof mediaOutputs>;

/** The state of an asset: what the upload answered (or recorded) plus the inputs that describe it. */
function mediaOutputs(asset: Partial<Media> | MediaState, inputs: MediaInputs) {
  const isFile = inputs.file !== undefined;
  return compact({
    assetId: asset.assetId,
    projectId: inputs.projectId,
    url: asset.url,
    thumbnailUrl: asset.thumbnailUrl ?? null,
    createdAt: asset.createdAt,
    contentType: isFile ? inputs.contentType : null,
    sha256: isFile ? inputs.sha256 : null,
    sizeBytes: isFile ? inputs.sizeBytes : null,
    file: inputs.file,
    sourceUrl: inputs.url,
    idempotencySeed: inputs.idempotencySeed,
  });
}

/** Only a path or seed changed (a replacement goes through create): record the new inputs. */
export function updateMedia(olds: HostProps, news: HostProps): MediaOutputs {
  return mediaOutputs(parseMediaState(olds), parseMediaInputs(news));
}

/** The API has no get for media: refresh keeps the recorded outputs; without them there is nothing to read. */
export function readMedia(id: string, props: HostProps | undefined): { id: string; props: HostProps } {
  if (!props || typeof props.assetId !== "string") {
    throw new Error(`layers.Media ${id} cannot be read by id: the Layers API has no get for media; declare the image with file or url instead`);
  }
  return { id, props };
}

export function forgetMessage(id: string, props: HostProps): string {
  return `layers.Media ${id} is forgotten, not deleted: the Layers API cannot delete media, so the asset ` +
    `stays in the media library of project ${String(parseMediaState(props).projectId)} (an asset lives as long as its project)`;
}
