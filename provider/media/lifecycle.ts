// layers.Media's lifecycle. The API can upload media and nothing else (no get, list, update
// or delete), so: create uploads with a derived Idempotency-Key, refresh keeps what was
// recorded, update only records changed inputs, and delete forgets the asset.
import { canonicalJson, compact } from "../normalize";
import { containsUnknown } from "../schema";
import { mediaIdempotencyKey } from "../idempotency";
import type { LifecycleContext } from "../lifecycle/context";
import { readImageFile } from "./image-file";

type Props = Record<string, unknown>;

/** Inputs whose change needs a new asset; `file` itself is compared by its bytes (sha256). */
const REPLACING = ["projectId", "contentType"] as const;

export function diffMedia(olds: Props, news: Props): { changes: boolean; replaces: string[]; changed: string[] } {
  const replaces: string[] = [];
  const differs = (a: unknown, b: unknown) => containsUnknown(b) || canonicalJson(a ?? null) !== canonicalJson(b ?? null);
  // A file unknown in a preview has no type read from it yet: the file's own replacement covers it.
  const typeUnknown = containsUnknown(news.file) && (news.contentType === undefined || news.contentType === null);
  for (const key of REPLACING) if (!(key === "contentType" && typeUnknown) && differs(olds[key], news[key])) replaces.push(key);
  // The declared source: the URL (recorded as sourceUrl, `url` being the asset's), or the
  // file's bytes. An unknown file has no hash yet: it may be other bytes.
  if (differs(olds.sourceUrl, news.url)) replaces.push("url");
  const fileBytesDiffer = news.file !== undefined && news.file !== null && (containsUnknown(news.file) || differs(olds.sha256, news.sha256));
  if (fileBytesDiffer || (olds.file != null) !== (news.file != null)) replaces.push("file");
  const changed = [...replaces];
  // A moved file with the same bytes is the same asset: recorded, no upload.
  if (!replaces.includes("file") && differs(olds.file, news.file)) changed.push("file");
  return { changes: changed.length > 0, replaces, changed };
}

export async function createMedia(ctx: LifecycleContext, inputs: Props): Promise<{ id: string; outs: Props }> {
  const projectId = inputs.projectId as string;
  let body: { url: string } | { dataBase64: string; contentType: string };
  if (typeof inputs.file === "string") {
    const image = await readImageFile(inputs.file);
    if (image.sha256 !== inputs.sha256) {
      throw new Error(`file: ${JSON.stringify(inputs.file)} changed after pulumi checked it (sha256 ${image.sha256}, expected ${String(inputs.sha256)}); run pulumi up again`);
    }
    body = { dataBase64: image.bytes.toString("base64"), contentType: inputs.contentType as string };
  } else {
    body = { url: inputs.url as string };
  }
  const media = await ctx.client.uploadMedia(projectId, body, { idempotencyKey: mediaIdempotencyKey(inputs) });
  if (media.replayed) ctx.log?.(`adopting media asset ${media.assetId}: an earlier run uploaded it`);
  return { id: media.assetId, outs: mediaOutputs({ ...media, projectId }, inputs) };
}

/** The state of an asset: what the upload answered plus the inputs that describe it. */
export function mediaOutputs(asset: Props, inputs: Props): Props {
  const isFile = typeof inputs.file === "string";
  return compact({
    assetId: asset.assetId,
    projectId: inputs.projectId,
    url: asset.url,
    thumbnailUrl: asset.thumbnailUrl ?? null,
    createdAt: asset.createdAt,
    contentType: isFile ? inputs.contentType : null,
    sha256: isFile ? inputs.sha256 : null,
    sizeBytes: isFile ? inputs.sizeBytes : null,
    file: inputs.file ?? undefined,
    sourceUrl: inputs.url ?? undefined,
    idempotencySeed: inputs.idempotencySeed ?? undefined,
  });
}

/** Only a path or seed changed (a replacement goes through create): record the new inputs. */
export function updateMedia(olds: Props, news: Props): Props {
  return mediaOutputs(olds, news);
}

export function forgetMessage(id: string, props: Props): string {
  return `layers.Media ${id} is forgotten, not deleted: the Layers API cannot delete media, so the asset ` +
    `stays in the media library of project ${String(props.projectId)} (an asset lives as long as its project)`;
}
