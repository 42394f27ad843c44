// The package as a user installs it: `npm pack`, then `npm install <tarball>` into a
// scratch program directory. Packing builds the package (prepare), so it is done once per
// test process and shared.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, stdio: "pipe", encoding: "utf8" });

let tarball: string | undefined;

/** The packed tarball's absolute path (packed on first use into a temp directory). */
export function packedTarball(): string {
  if (tarball && fs.existsSync(tarball)) return tarball;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-layers-tarball-"));
  const name = npm(["pack", "--pack-destination", dir], REPO_ROOT).trim().split("\n").pop()!;
  tarball = path.join(dir, name);
  return tarball;
}

/**
 * A scratch program directory with the tarball (and `extra` packages) installed. The
 * dependencies come from npm's cache after the repository's own install (--prefer-offline).
 */
export function scratchProgram(label: string, extra: string[] = [], packageJson: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-layers-${label}-`));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `scratch-${label}`, private: true, ...packageJson }));
  npm(["install", packedTarball(), ...extra, "--prefer-offline"], dir);
  return dir;
}
