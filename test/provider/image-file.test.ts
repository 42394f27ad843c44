// The image sniffing and file rules behind layers.Media's check, unit by unit.
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ImageFileError, MEDIA_MAX_BYTES, readImageFile, sniffContentType } from "../../provider/media/image-file";

const hex = (h: string, pad = 16) => Buffer.concat([Buffer.from(h, "hex"), Buffer.alloc(pad, 0x20)]);

describe("media image files", () => {
  it("tells the five accepted types from their bytes, and nothing else", () => {
    assert.equal(sniffContentType(hex("89504e470d0a1a0a")), "image/png");
    assert.equal(sniffContentType(hex("ffd8ffe0")), "image/jpeg");
    assert.equal(sniffContentType(Buffer.from("GIF87a....")), "image/gif");
    assert.equal(sniffContentType(Buffer.from("GIF89a....")), "image/gif");
    assert.equal(sniffContentType(Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1")), "image/webp");
    assert.equal(sniffContentType(Buffer.from("RIFF\x10\x00\x00\x00WAVEfmt ", "latin1")), undefined, "a WAV is RIFF but not WEBP");
    assert.equal(sniffContentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), "image/svg+xml");
    assert.equal(
      sniffContentType(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>')),
      "image/svg+xml",
    );
    for (const other of ["<html><svg></svg></html>", "%PDF-1.7", "BM6\x00", "hello"]) assert.equal(sniffContentType(Buffer.from(other, "latin1")), undefined, other);
  });

  it("reads a file relative to the given directory; refuses empty, missing and oversized files with the rule", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "layers-image-"));
    try {
      await fs.writeFile(path.join(dir, "a.gif"), "GIF89a-pixels");
      const image = await readImageFile("a.gif", dir);
      assert.deepEqual([image.sizeBytes, image.sniffedType, image.sha256.length], [13, "image/gif", 64]);
      await fs.writeFile(path.join(dir, "empty.png"), "");
      await assert.rejects(readImageFile("empty.png", dir), (e: Error) => e instanceof ImageFileError && /"empty.png" is empty/.test(e.message));
      await assert.rejects(readImageFile("nope.png", dir), /"nope.png" does not exist/);
      await fs.writeFile(path.join(dir, "max.png"), "");
      await fs.truncate(path.join(dir, "max.png"), MEDIA_MAX_BYTES);
      assert.equal((await readImageFile("max.png", dir)).sizeBytes, MEDIA_MAX_BYTES, "exactly 10 MiB is accepted");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
