// The machine the figures came from, and a host process's memory and CPU from /proc.
import { readFileSync } from "node:fs";
import * as os from "node:os";

export interface Machine {
  nproc: number;
  cpuModel: string;
  memTotalMb: number;
  node: string;
  platform: string;
  pulumiSdk: string;
}

export function machine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpuModel = m[1].trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = (require("@pulumi/pulumi/package.json") as { version: string }).version;
  return {
    nproc: os.availableParallelism(),
    cpuModel,
    memTotalMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    pulumiSdk: sdk,
  };
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB; NaN when /proc is unavailable. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { peakMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
  } catch {
    return { peakMb: NaN, rssMb: NaN };
  }
}

/** User + system CPU seconds a process has used (from /proc/<pid>/stat, in clock ticks of 1/100 s as on Linux x86/arm). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
