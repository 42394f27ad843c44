// Finding and running the `pulumi` CLI for `npm start` (and the e2e suite's skip check).
// Every run is an async child process: `npm start` serves the emulator from this same
// process, so a synchronous spawn would block the very API the CLI is calling.
import * as fs from "fs";
import * as path from "path";

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";
export const PULUMI_INSTALL_COMMAND = "curl -fsSL https://get.pulumi.com | sh";

/** The one line printed when there is no CLI and no Go to build one: what is wrong and how to fix it. */
export function missingCliMessage(): string {
  return (
    `The Pulumi CLI (\`pulumi\`) is not on your PATH, and Go is not installed to build the pinned one: ` +
    `install the CLI with \`${PULUMI_INSTALL_COMMAND}\` (or see ${PULUMI_INSTALL_URL}) or install Go 1.22+, ` +
    `open a new shell, and run the command again.`
  );
}

/** Absolute path of `command` on `env.PATH`, or undefined. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

// Running a command is shared with the shipped commands (cli/), which cannot load scripts/.
export { runCommand, runPulumi, type PulumiResult, type PulumiRunOptions } from "../cli/run-command";
import { runPulumi, type PulumiResult, type PulumiRunOptions } from "../cli/run-command";

/** A failed step of `npm start`, with the advice the user needs. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "StepError";
  }
}

/** Runs a captured pulumi command and turns a non-zero exit into a StepError carrying `hint`. */
export async function pulumiOrFail(args: string[], opts: PulumiRunOptions, hint: string): Promise<PulumiResult> {
  const result = await runPulumi(args, opts);
  if (result.code !== 0) {
    const detail = lastLines(result.stderr || result.stdout, 5);
    throw new StepError(`\`pulumi ${redactArgs(args).join(" ")}\` failed (exit ${result.code})${detail ? `:\n${detail}` : ""}`, hint);
  }
  return result;
}

/** Hides the value of `config set --secret <key> <value>` in messages. */
export function redactArgs(args: string[]): string[] {
  if (args[0] === "config" && args[1] === "set" && args.includes("--secret")) {
    const values = args.slice(2).filter((a) => !a.startsWith("-"));
    const secret = values[1];
    return args.map((a) => (secret !== undefined && a === secret ? "[secret]" : a));
  }
  return args;
}

function lastLines(text: string, n: number): string {
  return text.trim().split("\n").slice(-n).map((l) => `    ${l}`).join("\n");
}
