#!/usr/bin/env node
// `layers-drift --stack NAME [--cwd DIR] [--json]`: which personas differ between the program
// and Layers, field by field. Exit 0: no drift; 2: drift; 1: could not check (one line why).
import { appendFileSync, writeFileSync } from "fs";
import * as path from "path";
import { CheckError, redact, runPreview } from "./preview";
import { renderErrorMarkdown, renderJson, renderMarkdown } from "./render";
import { buildReport, sanitizeEvents } from "./report";

export const USAGE = `Usage: layers-drift --stack NAME [--cwd DIR] [--json]

Runs \`pulumi preview --refresh\` on the stack (Automation API) and reports, per persona that
differs, each field with the value in the program and the value in Layers.

  --stack NAME   the stack to check (required)
  --cwd DIR      the Pulumi project directory (default: the current directory)
  --json         print the report as JSON on stdout
  --events FILE  also write the preview's engine events to FILE (secrets and provider code
                 removed), to attach to a bug report or to test the rendering
  -h, --help     this text

Markdown goes to $GITHUB_STEP_SUMMARY when set, else to stdout (unless --json).
Exit codes: 0 no drift, 2 drift, 1 could not check (the reason on one line).`;

export interface DriftArgs {
  stack: string;
  cwd: string;
  json: boolean;
  eventsFile?: string;
}

export function parseDriftArgs(argv: string[]): DriftArgs | "help" {
  let stack: string | undefined;
  let cwd = process.cwd();
  let json = false;
  let eventsFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "") throw new CheckError(`${flag} needs a value`);
      return v;
    };
    if (flag === "-h" || flag === "--help") return "help";
    else if (flag === "--stack") stack = value();
    else if (flag === "--cwd") cwd = path.resolve(value());
    else if (flag === "--json") json = true;
    else if (flag === "--events") eventsFile = path.resolve(value());
    else throw new CheckError(`unknown option ${arg} (see --help)`);
  }
  if (!stack) throw new CheckError("--stack NAME is required (see --help)");
  return { stack, cwd, json, eventsFile };
}

async function main(): Promise<number> {
  let args: DriftArgs | "help";
  try {
    args = parseDriftArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`layers-drift: could not check: ${(e as Error).message}\n`);
    return 1;
  }
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const opts = args;
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  const emit = (markdown: string, json: string) => {
    if (summaryFile) appendFileSync(summaryFile, `${markdown}\n`);
    if (opts.json) process.stdout.write(`${json}\n`);
    else if (!summaryFile) process.stdout.write(markdown);
  };

  process.stderr.write(`layers-drift: checking stack ${args.stack} in ${args.cwd} (pulumi preview --refresh)…\n`);
  let outcome;
  try {
    outcome = await runPreview({ stack: args.stack, cwd: args.cwd });
  } catch (e) {
    const reason = e instanceof CheckError ? e.message : redact(`unexpected error: ${(e as Error).message}`.split("\n")[0], []);
    if (opts.eventsFile && e instanceof CheckError) writeFileSync(opts.eventsFile, redact(JSON.stringify(sanitizeEvents(e.events), null, 1), e.secrets));
    emit(renderErrorMarkdown(args.stack, reason), renderJson({ stack: args.stack, error: reason }));
    process.stderr.write(`layers-drift: could not check: ${reason}\n`);
    return 1;
  }
  if (opts.eventsFile) writeFileSync(opts.eventsFile, redact(JSON.stringify(sanitizeEvents(outcome.events), null, 1), outcome.secrets));
  const report = buildReport(args.stack, outcome.events);
  emit(redact(renderMarkdown(report), outcome.secrets), redact(renderJson(report), outcome.secrets));
  const n = report.personas.length;
  process.stderr.write(
    report.drift
      ? `layers-drift: DRIFT: ${n} persona${n === 1 ? "" : "s"} differ${n === 1 ? "s" : ""}${report.otherChanges.length ? ` and ${report.otherChanges.length} other resource(s) would change` : ""}\n`
      : `layers-drift: no drift (${report.unchanged} persona${report.unchanged === 1 ? "" : "s"} checked)\n`,
  );
  return report.drift ? 2 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      process.stderr.write(`layers-drift: could not check: ${redact(String(e?.message ?? e).split("\n")[0], [])}\n`);
      process.exit(1);
    },
  );
}
