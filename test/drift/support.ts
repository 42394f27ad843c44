// Running the real Pulumi CLI for the drift report's tests: finding it, a scratch copy of the
// test program whose node_modules links to this repository's (so `pulumi-layers` resolves to
// the built package), and an environment that keeps every Pulumi file in that scratch folder.
import { runCommand, type PulumiResult } from "../../scripts/pulumi-cli";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const DRIFT_BIN = path.join(REPO_ROOT, "dist/cli/drift/main.js");

export interface Scratch {
  dir: string;
  programDir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** A copy of `programDir` in a temporary folder with its own backend, PULUMI_HOME and passphrase. */
export function scratchProject(programSource: string, cliDir: string): Scratch {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-drift-"));
  const programDir = path.join(dir, "program");
  fs.cpSync(programSource, programDir, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(programDir, "node_modules"), "dir");
  // The Node.js language host looks for package.json to find the project root.
  fs.writeFileSync(path.join(programDir, "package.json"), JSON.stringify({ name: "drift-test", private: true }));
  for (const d of ["state", "home"]) fs.mkdirSync(path.join(dir, d));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${cliDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_CONFIG_PASSPHRASE: "drift-test",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  delete env.LAYERS_API_KEY;
  delete env.GITHUB_STEP_SUMMARY;
  return { dir, programDir, env, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type Run = PulumiResult;

export function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return runCommand(command, args, opts);
}
