#!/usr/bin/env node
// `layers-migrate --stack NAME`: moves a stack's dynamic Influencers to the provider plugin
// without touching a persona, in three steps that each leave a safe state:
// 1. mark each dynamic Influencer retainOnDelete (`pulumi stack export` / `stack import`),
//    so that no later `pulumi up` can delete a persona through it;
// 2. import each as a `layers:index:Influencer` of the same name (`pulumi import --file`,
//    one GET per persona);
// 3. remove the dynamic twin from the state (`pulumi state delete`, which calls no provider).
// Stopped anywhere, it can be run again; it refuses to start when the stack cannot be moved.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPulumi, type PulumiResult } from "../run-command";
import { planMigration, retained, type StateResource } from "./plan";

const USAGE = `Usage: layers-migrate --stack NAME [--dry-run]

Run in the Pulumi project's directory, after switching the program to layers.plugin.Influencer
and adding the plugin to Pulumi.yaml (docs/plugin.md). Imports each dynamic Influencer of the
stack as a plugin Influencer of the same name, then removes the dynamic one from the state.
No persona is written to.

  --stack NAME   the stack to move                                            (required)
  --dry-run      print what would be imported and forgotten, change nothing
  -h, --help     this text`;

export interface MigrateIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Runs `pulumi <args>` (tests stand in for it to stop the command midway). */
  pulumi?: (args: string[]) => Promise<PulumiResult>;
}

const AGAIN = "Run layers-migrate again to finish; a pulumi up before that is safe (the dynamic Influencers are retained, not deleted).";

/** The failed step with what the CLI said (pulumi import reports on stdout, the rest on stderr). */
function fail(io: MigrateIO, step: string, res: PulumiResult, changed: boolean): number {
  const said = `${res.stdout}\n${res.stderr}`.split("\n").filter((l) => /error|failed|cannot|refus/i.test(l)).slice(-6);
  io.stderr(`layers-migrate: ${step} failed (exit ${res.code})${said.length ? `:\n  ${said.join("\n  ")}` : ""}\n${changed ? AGAIN : "Nothing was changed."}\n`);
  return 1;
}

export async function runMigrate(argv: readonly string[], io: MigrateIO): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const at = argv.findIndex((a) => a === "--stack" || a.startsWith("--stack="));
  const stack = at < 0 ? undefined : argv[at].includes("=") ? argv[at].slice("--stack=".length) : argv[at + 1];
  const unknown = argv.filter((a, i) => !["--stack", "--dry-run"].includes(a.split("=")[0]) && !(i === at + 1 && !argv[at].includes("=")));
  if (!stack || unknown.length) {
    io.stderr(`layers-migrate: ${!stack ? "--stack NAME is required" : `unknown argument ${unknown[0]}`}\n\n${USAGE}\n`);
    return 2;
  }
  const pulumi = io.pulumi ?? ((args: string[]) => runPulumi([...args, "--non-interactive"], { cwd: io.cwd, env: io.env }));
  const exportedRun = await pulumi(["stack", "export", "--stack", stack]);
  if (exportedRun.code !== 0) return fail(io, `pulumi stack export --stack ${stack}`, exportedRun, false);
  const exported = JSON.parse(exportedRun.stdout) as { deployment: { resources?: StateResource[] } };
  const plan = planMigration(exported.deployment.resources ?? []);
  if (plan.refused.length) {
    for (const r of plan.refused) io.stderr(`layers-migrate: cannot move ${r.urn}: ${r.reason}\n`);
    io.stderr("Nothing was changed.\n");
    return 1;
  }
  io.stdout(`${plan.imports.length} to import as layers:index:Influencer, ${plan.forget.length} dynamic Influencer(s) to forget\n`);
  if (argv.includes("--dry-run")) {
    for (const i of plan.imports) io.stdout(`  import ${i.name} ${i.id}\n`);
    for (const urn of plan.forget) io.stdout(`  forget ${urn}\n`);
    return 0;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "layers-migrate-"));
  try {
    const marked = retained(exported, plan);
    if (marked) {
      const file = path.join(scratch, "state.json");
      fs.writeFileSync(file, JSON.stringify(marked));
      const res = await pulumi(["stack", "import", "--file", file, "--stack", stack]);
      if (res.code !== 0) return fail(io, "pulumi stack import (marking the dynamic Influencers retainOnDelete)", res, false);
    }
    if (plan.imports.length) {
      const file = path.join(scratch, "import.json");
      fs.writeFileSync(file, JSON.stringify({ resources: plan.imports }, null, 2));
      const res = await pulumi(["import", "--file", file, "--yes", "--protect=false", "--generate-code=false", "--stack", stack]);
      if (res.code !== 0) return fail(io, "pulumi import --file", res, true);
    }
    for (const urn of plan.protect) {
      const res = await pulumi(["state", "protect", urn, "--yes", "--stack", stack]);
      if (res.code !== 0) return fail(io, `pulumi state protect ${urn}`, res, true);
    }
    for (const urn of plan.forget) {
      // --force: a protected dynamic twin is forgotten too (its plugin twin is protected by now).
      const res = await pulumi(["state", "delete", urn, "--yes", "--force", "--stack", stack]);
      if (res.code !== 0) return fail(io, `pulumi state delete ${urn}`, res, true);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  io.stdout(`Moved ${plan.forget.length} persona(s) to the plugin. Next: pulumi preview (it should show no change).\n`);
  return 0;
}

if (require.main === module) {
  runMigrate(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      // A missing `pulumi` or an export that is not JSON: one line, no stack.
      process.stderr.write(`layers-migrate: ${(e as Error)?.message ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
