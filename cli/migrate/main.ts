#!/usr/bin/env node
// `layers-migrate --stack NAME`: moves a stack's dynamic Influencers to the provider plugin
// without touching a persona. Each is imported as a `layers:index:Influencer` of the same
// name (`pulumi import --file`, one GET per persona), then its dynamic twin is removed from
// the state (`pulumi state delete`, which calls no provider). Import first, forget second:
// an interruption leaves both twins, never neither, and a re-run finishes the job.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPulumi, type PulumiResult } from "../../scripts/pulumi-cli";
import { planMigration, type StateResource } from "./plan";

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
}

async function pulumi(args: string[], io: MigrateIO): Promise<PulumiResult> {
  return runPulumi([...args, "--non-interactive"], { cwd: io.cwd, env: io.env });
}

function fail(io: MigrateIO, step: string, res: PulumiResult): number {
  // stderr only: stdout may hold config values.
  io.stderr(`layers-migrate: ${step} failed (exit ${res.code}): ${res.stderr.trim().split("\n").slice(-6).join("\n  ")}\n`);
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
  const exported = await pulumi(["stack", "export", "--stack", stack], io);
  if (exported.code !== 0) return fail(io, `pulumi stack export --stack ${stack}`, exported);
  const resources = ((JSON.parse(exported.stdout) as { deployment?: { resources?: StateResource[] } }).deployment?.resources ?? []);
  const plan = planMigration(resources);
  for (const r of plan.refused) io.stderr(`layers-migrate: not moved: ${r.urn}: ${r.reason}\n`);
  io.stdout(`${plan.imports.length} to import as layers:index:Influencer, ${plan.forget.length} dynamic Influencer(s) to forget\n`);
  if (argv.includes("--dry-run")) {
    for (const i of plan.imports) io.stdout(`  import ${i.name} ${i.id}\n`);
    for (const urn of plan.forget) io.stdout(`  forget ${urn}\n`);
    return plan.refused.length ? 1 : 0;
  }
  if (plan.imports.length) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "layers-migrate-")), "import.json");
    fs.writeFileSync(file, JSON.stringify({ resources: plan.imports }, null, 2));
    try {
      const imported = await pulumi(["import", "--file", file, "--yes", "--protect=false", "--generate-code=false", "--stack", stack], io);
      if (imported.code !== 0) return fail(io, "pulumi import --file", imported);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }
  for (const urn of plan.protect) {
    const protectedRes = await pulumi(["state", "protect", urn, "--yes", "--stack", stack], io);
    if (protectedRes.code !== 0) return fail(io, `pulumi state protect ${urn}`, protectedRes);
  }
  for (const urn of plan.forget) {
    // --force: a protected dynamic twin is forgotten too (its plugin twin is protected by now).
    const deleted = await pulumi(["state", "delete", urn, "--yes", "--force", "--stack", stack], io);
    if (deleted.code !== 0) return fail(io, `pulumi state delete ${urn}`, deleted);
  }
  io.stdout(`Moved ${plan.forget.length} persona(s) to the plugin. Next: pulumi preview (it should show no change).\n`);
  return plan.refused.length ? 1 : 0;
}

if (require.main === module) {
  runMigrate(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  }).then((code) => (process.exitCode = code));
}
