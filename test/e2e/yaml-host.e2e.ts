// The YAML language host that `npm run setup:pulumi` builds, run by the real CLI: a Pulumi
// YAML program with outputs only (no provider, no network) goes through `pulumi up` on a
// local file backend. Part of npm test; like the other real-engine suites it skips with the
// reason when there is no CLI or YAML host, except in CI (CI=true), where it fails.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPulumi, type PulumiResult } from "../../scripts/pulumi-cli";
import { cliHome, locatePulumi, offlineEnv, pinnedDir, toolchainDirs, withPulumiOnPath, YAML_HOST_VERSION, type PulumiLocation } from "../../scripts/pulumi-toolchain";

/** Evaluated by the host, not copied: a function call and the stack name from the engine. */
const PROGRAM = `name: yaml-smoke
runtime: yaml
outputs:
  answer: 42
  joined:
    fn::join:
      - "-"
      - [a, b, c]
  stack: \${pulumi.stack}
`;

describe("e2e: the YAML language host with the Pulumi CLI", function () {
  this.timeout(120_000);
  let found: PulumiLocation;
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  const pulumi = (args: string[]): Promise<PulumiResult> => runPulumi([...args, "--non-interactive"], { cwd: path.join(tmp, "program"), env });

  before(function () {
    const located = locatePulumi();
    if (!located?.yamlDir) {
      const why = located
        ? `the pulumi CLI in ${located.dir} has no pulumi-language-yaml beside it and the pinned one is not built: run \`npm run setup:pulumi\``
        : "no `pulumi` on PATH and no pinned build in the cache: run `npm run setup:pulumi`";
      if (process.env.CI === "true") throw new Error(`e2e must run in CI, but ${why}`);
      console.log(`    e2e skipped: ${why}`);
      this.skip();
    }
    found = located;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-e2e-yaml-"));
    for (const d of ["program", "home", "state"]) fs.mkdirSync(path.join(tmp, d));
    fs.writeFileSync(path.join(tmp, "program", "Pulumi.yaml"), PROGRAM);
    env = offlineEnv(
      withPulumiOnPath(toolchainDirs(found), {
        ...process.env,
        PULUMI_HOME: path.join(tmp, "home"),
        PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      }),
    );
  });
  after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it("runs a YAML program through `pulumi up` and the stack keeps its outputs", async () => {
    const init = await pulumi(["stack", "init", "dev"]);
    assert.strictEqual(init.code, 0, init.stderr);
    const up = await pulumi(["up", "--yes"]);
    assert.strictEqual(up.code, 0, `${up.stdout}\n${up.stderr}`);
    assert.match(up.stdout, /\+ 1 created/, "the stack resource");
    // Beside the CLI's executable, the CLI takes the host silently; from PATH it warns that it does.
    const warned = /using pulumi-language-yaml from \$PATH/.test(up.stdout + up.stderr);
    assert.strictEqual(warned, found.yamlDir !== cliHome(found.dir), `host in ${found.yamlDir}, CLI in ${cliHome(found.dir)}`);

    const out = await pulumi(["stack", "output", "--json"]);
    assert.strictEqual(out.code, 0, out.stderr);
    assert.deepStrictEqual(JSON.parse(out.stdout), { answer: 42, joined: "a-b-c", stack: "dev" });
  });

  it("the engine reports the host's version: the pinned build carries its version stamp", async () => {
    const about = await pulumi(["about", "--json"]);
    assert.strictEqual(about.code, 0, about.stderr);
    const plugins: { name: string; kind: string; version: string }[] = JSON.parse(about.stdout).plugins ?? [];
    const yaml = plugins.find((p) => p.kind === "language" && p.name === "yaml");
    assert.ok(yaml, `pulumi about lists the YAML host: ${JSON.stringify(plugins)}`);
    // A CLI's own host (e.g. an official install on PATH) may be any release; the pinned one is ours.
    if (found.yamlDir === pinnedDir()) assert.strictEqual(yaml.version, YAML_HOST_VERSION);
    else assert.match(yaml.version, /^\d+\.\d+\.\d+/);
  });
});
