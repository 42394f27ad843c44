// How a git branch maps to a Pulumi stack, and how personas carry the stack in their names.
// Shared by the program (index.ts) and the stack script (branch-stack.ts).

/** Branches whose stack is the production stack. */
export const PRODUCTION_BRANCHES = ["main", "master"];
export const PRODUCTION_STACK = "production";

/**
 * The stack for a branch: `production` for main/master, otherwise the branch name made
 * into a valid stack name (`feature/New-Hero` → `feature-new-hero`).
 */
export function stackForBranch(branch: string): string {
  const trimmed = branch.trim().replace(/^refs\/heads\//, "");
  if (trimmed === "" || trimmed === "HEAD") {
    throw new Error("cannot tell the git branch (detached HEAD?): pass it with BRANCH=<name>");
  }
  if (PRODUCTION_BRANCHES.includes(trimmed)) return PRODUCTION_STACK;
  const name = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 90);
  if (name === "" || name === PRODUCTION_STACK) return `branch-${name || "unnamed"}`;
  return name;
}

export function isProduction(stack: string): boolean {
  return stack === PRODUCTION_STACK;
}

/** Production keeps the real name; every other stack's persona says which stack owns it. */
export function personaName(name: string, stack: string): string {
  return isProduction(stack) ? name : `${name} (${stack})`.slice(0, 128);
}
