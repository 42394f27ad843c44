// A throwaway program directory, as `pulumi up` gives the provider host for cwd: files of
// the test's choosing plus node_modules (a link to the repo's, where pulumi-layers resolves).
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./package";

export interface ProgramDir {
  path: string;
  write(file: string, bytes: Buffer | string): Promise<void>;
  remove(): Promise<void>;
}

export async function makeProgramDir(): Promise<ProgramDir> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "layers-program-"));
  await fs.symlink(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return {
    path: dir,
    async write(file, bytes) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), bytes);
    },
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

const PNG_SIGNATURE = Buffer.from("89504e470d0a1a0a", "hex");

/** Bytes that start like a PNG (the API checks the declared type, not the pixels). */
export function pngBytes(size: number, fill = 1): Buffer {
  const body = Buffer.alloc(Math.max(0, size - PNG_SIGNATURE.length));
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + fill) % 256;
  return Buffer.concat([PNG_SIGNATURE, body]);
}
