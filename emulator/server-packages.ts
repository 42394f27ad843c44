// The emulator's server packages (fastify, ulid) are optional peer dependencies of
// pulumi-layers: a Pulumi program needs only the provider, so `npm install pulumi-layers`
// does not bring them. Before anything requires them, this names what is missing and the
// command that installs it, instead of a MODULE_NOT_FOUND stack.
import * as fs from "fs";
import * as path from "path";

interface PackageJson {
  name?: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** pulumi-layers' own package.json, found upwards from here (dist/emulator or emulator/). */
function ownPackage(): PackageJson {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
      if (pkg.name === "pulumi-layers") return pkg;
    }
    if (path.dirname(dir) === dir) return {};
  }
}

/** `name@range` of each optional peer dependency that cannot be resolved from here. */
export function missingServerPackages(): string[] {
  const pkg = ownPackage();
  const optional = Object.entries(pkg.peerDependencies ?? {}).filter(([name]) => pkg.peerDependenciesMeta?.[name]?.optional);
  return optional
    .filter(([name]) => {
      try {
        require.resolve(name, { paths: [__dirname] });
        return false;
      } catch {
        return true;
      }
    })
    .map(([name, range]) => `${name}@${range}`);
}

export class MissingServerPackagesError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `the Layers emulator needs ${missing.map((m) => m.replace(/@[^@]*$/, "")).join(" and ")}, which are not installed: ` +
        "pulumi-layers lists them as optional peer dependencies, so that a Pulumi program, which uses only the provider, does not install them. " +
        `Install them next to pulumi-layers: npm install --save-dev ${missing.map((m) => `'${m}'`).join(" ")}`,
    );
    this.name = "MissingServerPackagesError";
  }
}

/** Throws MissingServerPackagesError when a server package is missing. */
export function assertServerPackages(): void {
  const missing = missingServerPackages();
  if (missing.length) throw new MissingServerPackagesError(missing);
}
