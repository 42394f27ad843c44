// Reading a reference image from disk for layers.Media: the size limit, the content type
// from the file's own bytes, and the hash that stands for the bytes in state (the bytes
// themselves never leave the provider host's memory).
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** Content types the media endpoint accepts (CONTRACT.md, media). */
export const MEDIA_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml"] as const;
export type MediaContentType = (typeof MEDIA_CONTENT_TYPES)[number];

/** Decoded data the endpoint accepts at most. */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

export interface ImageFile {
  bytes: Buffer;
  sha256: string;
  sizeBytes: number;
  /** From the bytes; undefined when they are none of the accepted types. */
  sniffedType: MediaContentType | undefined;
}

/** A file that cannot be used, with the rule it breaks (the message names the path). */
export class ImageFileError extends Error {}

/**
 * Reads `file` relative to `cwd` (the provider host runs in the program directory). Stats
 * first so a huge file is refused without reading it.
 */
export async function readImageFile(file: string, cwd = process.cwd()): Promise<ImageFile> {
  const full = path.resolve(cwd, file);
  let size: number;
  try {
    const stat = await fs.stat(full);
    if (!stat.isFile()) throw new ImageFileError(`${JSON.stringify(file)} is not a regular file`);
    size = stat.size;
  } catch (e) {
    if (e instanceof ImageFileError) throw e;
    throw new ImageFileError(describeFsError(file, e, cwd));
  }
  if (size > MEDIA_MAX_BYTES) {
    throw new ImageFileError(`${JSON.stringify(file)} is ${formatMiB(size)}; the API accepts at most 10 MiB`);
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(full);
  } catch (e) {
    throw new ImageFileError(describeFsError(file, e, cwd));
  }
  if (bytes.length > MEDIA_MAX_BYTES) {
    throw new ImageFileError(`${JSON.stringify(file)} is ${formatMiB(bytes.length)}; the API accepts at most 10 MiB`);
  }
  if (bytes.length === 0) throw new ImageFileError(`${JSON.stringify(file)} is empty`);
  return { bytes, sha256: sha256Hex(bytes), sizeBytes: bytes.length, sniffedType: sniffContentType(bytes) };
}

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The image type of `bytes` by their signature. Five fixed signatures (and SVG's XML
 * opening): a few lines, where the usual library (file-type) is ESM-only and knows
 * hundreds of formats this endpoint refuses anyway.
 */
export function sniffContentType(bytes: Buffer): MediaContentType | undefined {
  const starts = (hex: string, at = 0) => bytes.subarray(at, at + hex.length / 2).equals(Buffer.from(hex, "hex"));
  if (starts("89504e470d0a1a0a")) return "image/png";
  if (starts("ffd8ff")) return "image/jpeg";
  if (starts("474946383761") || starts("474946383961")) return "image/gif"; // GIF87a, GIF89a
  if (starts("52494646") && starts("57454250", 8)) return "image/webp"; // RIFF....WEBP
  // SVG: text whose first element is <svg>, after an optional BOM, XML declaration,
  // doctype and comments.
  const head = bytes.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "");
  const rest = head.replace(/^(\s*(<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>))*\s*/i, "");
  if (/^<svg[\s>]/i.test(rest)) return "image/svg+xml";
  return undefined;
}

function describeFsError(file: string, e: unknown, cwd: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${JSON.stringify(file)} does not exist (paths are relative to the program directory, ${cwd})`;
  if (code === "EACCES" || code === "EPERM") return `${JSON.stringify(file)} cannot be read (permission denied)`;
  if (code === "EISDIR") return `${JSON.stringify(file)} is not a regular file`;
  return `${JSON.stringify(file)} cannot be read (${code ?? (e as Error).message})`;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes} bytes)`;
}
