// Running `pulumi` (or any command) as a child process that never blocks this one: `npm
// start` serves the emulator from the same process, and the commands of cli/ read the CLI's
// output. Resolves with the exit code and the output; never rejects on a non-zero exit.
import { spawn } from "child_process";

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PulumiRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Show the CLI's own output to the user (for `pulumi up`); otherwise it is captured. */
  inherit?: boolean;
  /** Written to the CLI's standard input: how a secret reaches it without showing in `ps`. */
  input?: string;
}

/** Runs `pulumi <args>`; resolves with the exit code (it never rejects on a non-zero exit). */
export function runPulumi(args: string[], opts: PulumiRunOptions): Promise<PulumiResult> {
  return runCommand("pulumi", args, opts);
}

/** Runs a command without blocking this process (which may be serving the emulator). */
export function runCommand(command: string, args: string[], opts: PulumiRunOptions): Promise<PulumiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: opts.inherit ? "inherit" : [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

