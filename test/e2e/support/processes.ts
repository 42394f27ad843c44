// The processes a killed `pulumi up` leaves behind: the engine starts its language and
// provider hosts in process groups of their own, so a SIGKILL of the CLI's group does not
// reach them (docs/reliability.md).
import { execFileSync } from "child_process";
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
