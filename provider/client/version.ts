// The package version for the User-Agent, read from the nearest pulumi-layers package.json at
// run time (the client runs from dist/ in this repo and from node_modules/ when installed).
import * as fs from "fs";
import * as path from "path";

let cached: string | undefined;

export function packageVersion(): string {
  if (cached) return cached;
  cached = "0.0.0-unknown";
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-layers" && pkg.version) {
        cached = pkg.version;
        break;
      }
    } catch {
      // no package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cached;
}
