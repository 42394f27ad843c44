// `npm run pack:plugin`: the plugin as the tarball `pulumi plugin install resource layers
// <version> --file <tarball>` takes: an executable `pulumi-resource-layers` at its root and
// everything it runs (the packed package with its production dependencies) beside it, so
// the plugin cache needs no npm install. Prints the tarball's path as its last line.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository: the nearest directory up from here holding this package's package.json (run from dist/ or from source). */
function repositoryRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "pulumi-layers") return dir;
    if (path.dirname(dir) === dir) throw new Error(`pack-plugin: no pulumi-layers package.json above ${from}`);
  }
}

const ROOT = repositoryRoot();

/** `linux-amd64`, `darwin-arm64`, …: the platform part of a Pulumi plugin tarball's name. */
export function pluginPlatform(platform = process.platform, arch = process.arch): string {
  const archName = arch === "x64" ? "amd64" : arch;
  return `${platform}-${archName}`;
}

const LAUNCHER = `#!/bin/sh
# pulumi-resource-layers, installed by \`pulumi plugin install\`: runs the plugin with the node on PATH.
exec node "$(dirname "$0")/node_modules/pulumi-layers/dist/provider/plugin/main.js" "$@"
`;

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

export function packPlugin(outDir = path.join(ROOT, "dist")): string {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "layers-plugin-"));
  try {
    const tarball = run("npm", ["pack", "--pack-destination", stage, "--loglevel=error"], ROOT).trim().split("\n").pop()!;
    fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify({ name: "pulumi-resource-layers", private: true }));
    // --prefer-offline: the dependencies are in npm's cache after the repository's own install.
    run("npm", ["install", path.join(stage, tarball), "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], stage);
    fs.rmSync(path.join(stage, tarball));
    fs.writeFileSync(path.join(stage, "pulumi-resource-layers"), LAUNCHER, { mode: 0o755 });
    fs.mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, `pulumi-resource-layers-v${version}-${pluginPlatform()}.tar.gz`);
    run("tar", ["-czf", out, "-C", stage, "."], stage);
    return out;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = packPlugin();
  console.error(`Install it with: pulumi plugin install resource layers <version> --file ${out}`);
  console.log(out);
}
