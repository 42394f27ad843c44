// The --data file. Written atomically (temp file + fsync + rename + fsync of the directory),
// so a kill at any instant leaves either the old file or the new one, never a torn one.
// Writes are grouped: requests that changed state wait for one write that covers them all.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Store } from "./store";
import type { StateFile } from "./types";

export class DataFileError extends Error {
  constructor(file: string, why: string) {
    super(
      `the emulator data file ${file} is not usable: ${why}. ` +
        "Nothing was started so that no data is lost; move the file away (or delete it) to start with empty state.",
    );
    this.name = "DataFileError";
  }
}

const LIST_KEYS = ["orgs", "keys", "projects", "media", "influencers", "jobs", "idempotency"] as const;

/** Reads the state, or undefined when the file does not exist; anything unreadable throws DataFileError. */
export async function loadState(file: string): Promise<StateFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new DataFileError(file, (e as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DataFileError(file, `it is not valid JSON (${text.length} bytes, maybe truncated)`);
  }
  const s = data as Partial<StateFile>;
  if (!s || typeof s !== "object" || s.format !== "layers-emulator-state") throw new DataFileError(file, "it is not a Layers emulator state file");
  if (s.version !== 1) throw new DataFileError(file, `its format version ${String(s.version)} is not supported (expected 1)`);
  for (const k of LIST_KEYS) if (!Array.isArray(s[k])) throw new DataFileError(file, `its "${k}" list is missing`);
  if (typeof s.defaultOrgId !== "string" || typeof s.defaultProjectId !== "string" || !s.projects!.some((p) => p.projectId === s.defaultProjectId)) {
    throw new DataFileError(file, "its default org or project is missing");
  }
  return s as StateFile;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Removes temp files a killed emulator left next to `file` (never one of a live process). */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = name.startsWith(prefix) ? /\.(\d+)\.tmp$/.exec(name) : null;
    if (m && !isAlive(Number(m[1]))) await fs.rm(path.join(dir, name), { force: true });
  }
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fh = await fs.open(tmp, "w", 0o600);
  try {
    await fh.writeFile(text, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
  // Make the rename itself durable; not every platform lets a directory be fsynced.
  const dh = await fs.open(dir, "r").catch(() => undefined);
  if (dh) await dh.sync().catch(() => undefined).finally(() => dh.close());
}

/** Group commit of the store to its file: flush() resolves once a write covering the current version is on disk. */
export class Persister {
  private written = -1;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    readonly file: string,
  ) {}

  async flush(): Promise<void> {
    while (this.written < this.store.version) {
      if (this.running) {
        await this.running;
        continue;
      }
      const version = this.store.version;
      const text = JSON.stringify(this.store.snapshot());
      this.running = writeAtomically(this.file, text).then(
        () => {
          this.written = version;
        },
      ).finally(() => {
        this.running = null;
      });
      await this.running;
    }
  }
}
