#!/usr/bin/env node
// `layers-import`: writes a Pulumi program that adopts every persona of a Layers project.
// `runImport` is the whole command with its inputs and outputs passed in, so tests run it
// in-process; the bin at the bottom wires it to the real process.
import * as fs from "node:fs";
import * as path from "node:path";
import { LayersClient } from "../../provider/client";
import { redact } from "../../provider/client/redact";
import { parseArgs, USAGE, UsageError } from "./args";
import { describeFailure, type FailureContext } from "./errors";
import { planImport } from "./plan";
import { readProject } from "./project";
import { renderProgram } from "./render";
import { resolveSettings } from "./settings";

export interface ImportIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface ImportOutcome {
  /** 0 done, 1 failed, 2 bad usage. */
  code: number;
  declared?: number;
  omitted?: number;
  pages?: number;
  /** HTTP requests the command sent (retries included). */
  requests?: number;
}

export async function runImport(argv: readonly string[], io: ImportIO): Promise<ImportOutcome> {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`layers-import: ${e.message}\n\n${USAGE}\n`);
    return { code: 2 };
  }
  if (opts.help) {
    io.stdout(`${USAGE}\n`);
    return { code: 0 };
  }
  const ctx: FailureContext = {
    projectId: opts.projectId,
    keySource: opts.stack ? `stack ${opts.stack}'s layers:apiKey (or LAYERS_API_KEY)` : "LAYERS_API_KEY",
    apiKey: io.env.LAYERS_API_KEY || undefined,
  };
  const log = (line: string) => io.stderr(`layers-import: ${redact(line, ctx.apiKey)}\n`);
  let client: LayersClient | undefined;
  try {
    const settings = await resolveSettings(opts.stack, io.env, io.cwd);
    ctx.apiKey = settings.apiKey;
    ctx.baseUrl = settings.baseUrl;
    client = new LayersClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey });
    const read = await readProject(client, opts.projectId, { status: opts.status, pageSize: opts.pageSize, log });
    const plan = planImport(opts.projectId, read);
    const program = renderProgram(plan);
    if (opts.out) writeAtomically(path.resolve(io.cwd, opts.out), program);
    else io.stdout(program);
    const requests = client.stats.requests;
    log(
      `${plan.declarations.length} persona(s) declared, ${plan.omitted.length} left out (listed in a comment); ` +
        `${read.pages} page(s), ${requests} request(s)${opts.out ? `; wrote ${opts.out}` : ""}`,
    );
    return { code: 0, declared: plan.declarations.length, omitted: plan.omitted.length, pages: read.pages, requests };
  } catch (e) {
    io.stderr(`layers-import: ${describeFailure(e, ctx)}\n`);
    return { code: 1, requests: client?.stats.requests };
  }
}

/** Temp file + rename: an interrupted run never leaves half a program where the old one was. */
function writeAtomically(file: string, text: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new Error(`--out ${file} is a directory; name the file to write, e.g. ${path.join(file, "index.ts")}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

if (require.main === module) {
  runImport(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (outcome) => {
      process.exitCode = outcome.code;
    },
    (e: Error) => {
      // Only a bug lands here; still one line and never the key.
      process.stderr.write(`layers-import: unexpected error: ${redact(e.message, process.env.LAYERS_API_KEY)}\n`);
      process.exitCode = 1;
    },
  );
}
