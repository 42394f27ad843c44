// One Node.js version everywhere: what package.json declares is what every installed package
// accepts (so `npm ci` prints no EBADENGINE), what `.ci/run` puts on PATH, what the README
// says and what the examples' GitHub workflows set up.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./support/mock-program";

interface Semver {
  minVersion(range: string): { version: string; major: number } | null;
  satisfies(version: string, range: string): boolean;
}
// semver is @pulumi/pulumi's own dependency (npm uses the same rules for engines).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require(require.resolve("semver", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] })) as Semver;

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
const declared = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
const floor = semver.minVersion(declared)!;
const setupScript = read("scripts/setup-node.sh");
const pinned = /^NODE_VERSION="([\d.]+)"$/m.exec(setupScript)?.[1];

describe("the Node.js version agrees everywhere", () => {
  it("every package in the lockfile accepts the lowest version package.json declares", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { engines?: { node?: string } }> };
    const withEngines = Object.entries(lock.packages).filter(([, p]) => typeof p.engines?.node === "string");
    assert.ok(withEngines.length > 20, `only ${withEngines.length} packages declare engines.node`);
    const refused = withEngines.filter(([, p]) => !semver.satisfies(floor.version, p.engines!.node!)).map(([name, p]) => `${name || "(root)"} ${p.engines!.node}`);
    assert.deepStrictEqual(refused, [], `npm ci on Node.js ${floor.version} would print EBADENGINE for these`);
  });

  it("the Node.js that setup:node fetches (and .ci/run uses) satisfies it, and .ci/run puts it on PATH before npm ci", () => {
    assert.ok(pinned, "NODE_VERSION in scripts/setup-node.sh");
    assert.ok(semver.satisfies(pinned, declared), `${pinned} vs ${declared}`);
    assert.strictEqual(/^MIN_VERSION="([\d.]+)"$/m.exec(setupScript)?.[1], floor.version, "a node on PATH is accepted from the declared version on");
    const ci = read(".ci/run");
    const setup = ci.indexOf("scripts/setup-node.sh");
    const pathLine = ci.indexOf('export PATH="$node_dir:$PATH"');
    assert.ok(setup > 0 && pathLine > setup && ci.indexOf("npm ci") > pathLine, ".ci/run: setup-node, then PATH, then npm ci");
  });

  it("the examples' workflows set up the declared major, and the README names it", () => {
    const workflows = fs.readdirSync(path.join(REPO_ROOT, "examples"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yml"));
    const versions = workflows.flatMap((f) => [...read(path.join("examples", f)).matchAll(/node-version:\s*["']?([\d.x]+)/g)].map((m) => `${f}: ${m[1]}`));
    assert.ok(versions.length >= 2, versions.join(", "));
    for (const v of versions) assert.ok(v.endsWith(`: ${floor.major}`), v);
    assert.match(read("README.md"), new RegExp(`Needs Node\\.js ${floor.major}\\.${floor.version.split(".")[1]} or later`));
  });

  it("in CI, the tests themselves run on a Node.js the package declares", function () {
    if (process.env.CI !== "true") {
      console.log(`      (checked under CI=true only; here: ${process.version})`);
      this.skip();
    }
    assert.ok(semver.satisfies(process.versions.node, declared), `${process.version} does not satisfy ${declared}`);
  });
});
