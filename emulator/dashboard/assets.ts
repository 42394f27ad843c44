// The dashboard's static files, read from assets/ next to this module: the source tree under
// ts-node, dist/emulator/dashboard/assets once built (the build script copies them, since tsc
// copies only what it compiles). Read once and kept: they never change while running.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";

export const ASSETS: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

export const ASSET_DIR = path.join(__dirname, "assets");

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const cache = new Map<string, Asset>();

export function readAsset(file: string): Asset {
  let asset = cache.get(file);
  if (!asset) {
    const body = readFileSync(path.join(ASSET_DIR, file));
    asset = { body, contentType: ASSETS[file], etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"` };
    cache.set(file, asset);
  }
  return asset;
}
