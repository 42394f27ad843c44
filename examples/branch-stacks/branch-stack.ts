// Selects or creates the stack for the current git branch, or tears down a merged branch's stack.
//
//   npx ts-node branch-stack.ts select              # stack for the current branch (created if new)
//   npx ts-node branch-stack.ts name [branch]       # print the stack name for a branch
//   npx ts-node branch-stack.ts teardown <branch>   # destroy + remove that branch's stack
//
// Env: BRANCH (else GITHUB_HEAD_REF, GITHUB_REF_NAME, then `git rev-parse`),
// LAYERS_PROJECT_ID (stored as this stack's branch-stacks:projectId when given).
import { spawnSync } from "child_process";
import { isProduction, stackForBranch } from "./naming";

const HERE = __dirname;

function run(cmd: string, args: string[], inherit = false): { code: number; out: string } {
  const res = spawnSync(cmd, args, { cwd: HERE, encoding: "utf8", stdio: inherit ? "inherit" : "pipe" });
  if (res.error) {
    const missing = (res.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(missing ? `\`${cmd}\` is not on PATH (Pulumi: https://www.pulumi.com/docs/install/)` : res.error.message);
  }
  return { code: res.status ?? 1, out: `${res.stdout ?? ""}${res.stderr ?? ""}`.trim() };
}

function must(cmd: string, args: string[], inherit = false): string {
  const res = run(cmd, args, inherit);
  if (res.code !== 0) throw new Error(`\`${cmd} ${args.join(" ")}\` failed (exit ${res.code})${res.out ? `: ${res.out}` : ""}`);
  return res.out;
}

function currentBranch(): string {
  const fromEnv = process.env.BRANCH || process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME;
  return fromEnv || must("git", ["rev-parse", "--abbrev-ref", "HEAD"]);
}

function stackExists(stack: string): boolean {
  const list = JSON.parse(must("pulumi", ["stack", "ls", "--json"])) as Array<{ name: string }>;
  return list.some((s) => s.name === stack || s.name.endsWith(`/${stack}`));
}

function select(): void {
  const branch = currentBranch();
  const stack = stackForBranch(branch);
  must("pulumi", ["stack", "select", "--create", stack]);
  const projectId = process.env.LAYERS_PROJECT_ID;
  if (projectId) {
    must("pulumi", ["config", "set", "branch-stacks:projectId", projectId, "--stack", stack]);
  } else if (run("pulumi", ["config", "get", "branch-stacks:projectId", "--stack", stack]).code !== 0) {
    throw new Error(`stack ${stack} has no branch-stacks:projectId: run again with LAYERS_PROJECT_ID=<project UUID>`);
  }
  console.log(`Selected stack ${stack} for branch ${branch}${isProduction(stack) ? " (production: personas are protected)" : ""}.`);
}

function teardown(branch: string | undefined): void {
  if (!branch) throw new Error("usage: branch-stack.ts teardown <branch>");
  const stack = stackForBranch(branch);
  if (isProduction(stack)) throw new Error(`refusing to tear down ${stack}: it is the production stack`);
  if (!stackExists(stack)) {
    console.log(`No stack ${stack} for branch ${branch}: nothing to tear down.`);
    return;
  }
  must("pulumi", ["destroy", "--yes", "--stack", stack], true);
  must("pulumi", ["stack", "rm", "--yes", stack]);
  console.log(`Stack ${stack} (branch ${branch}) destroyed and removed; its personas were soft-deleted.`);
}

function main(argv: string[]): void {
  const [command, arg] = argv;
  if (command === "select") return select();
  if (command === "name") return void console.log(stackForBranch(arg ?? currentBranch()));
  if (command === "teardown") return teardown(arg);
  throw new Error("usage: branch-stack.ts select | name [branch] | teardown <branch>");
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error(`branch-stack: ${(e as Error).message}`);
  process.exitCode = 1;
}
