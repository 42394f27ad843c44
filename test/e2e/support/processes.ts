// The processes a killed `pulumi up` leaves behind: the engine starts its language and
// provider hosts in process groups of their own, so a SIGKILL of the CLI's group does not
// reach them (docs/reliability.md).
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";

/** Pids of every process descended from `root` (the CLI): its language hosts, the program, the provider hosts. */
export function descendantsOf(root: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length === 2 && r.every(Number.isFinite));
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows) if (found.has(ppid) && !found.has(pid)) found.add(pid), (grew = true);
  }
  found.delete(root);
  return [...found];
}

/** Kills what is left of `pids`, only where the pid still names a process of ours (not a recycled one). */
export function killOrphans(pids: number[]): void {
  for (const pid of pids) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (/pulumi|node/.test(cmdline)) process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Starts `pulumi up` in its own process group and SIGKILLs the group once `accepted()`
 * reaches `after` (creates the API accepted): the rest are in flight. Resolves with the CLI's
 * descendants taken just before the kill: they live on in process groups of their own, and
 * an orphaned provider host may still send the creates it had queued.
 */
export async function killUpMidCreate(opts: { cwd: string; env: NodeJS.ProcessEnv; args?: string[]; accepted: () => Promise<number>; after: number }): Promise<number[]> {
  const cli = spawn("pulumi", ["up", "--yes", "--non-interactive", ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env, detached: true, stdio: "ignore" });
  let done = false;
  const exited = new Promise((r) => cli.on("close", r)).then(() => (done = true));
  while ((await opts.accepted()) < opts.after) {
    if (done) throw new Error(`pulumi up ended before ${opts.after} creates were accepted`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const orphans = descendantsOf(cli.pid!);
  process.kill(-cli.pid!, "SIGKILL");
  await exited;
  return orphans;
}
