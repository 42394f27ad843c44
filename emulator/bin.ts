#!/usr/bin/env node
// `layers-emulator`: runs the Layers API emulator until SIGINT/SIGTERM. The first stdout
// line is exactly "Layers emulator listening on http://HOST:PORT" (tools wait for it).
import type * as Emulator from "./index";
import { parseArgs, USAGE, UsageError } from "./cli-args";
import { DataFileError } from "./persistence";
import { missingServerPackages, MissingServerPackagesError } from "./server-packages";

/** The server itself, once its packages are known to be there (they are optional peers). */
function loadEmulator(): typeof Emulator {
  const missing = missingServerPackages();
  if (missing.length) {
    process.stderr.write(`layers-emulator: ${new MissingServerPackagesError(missing).message}\n`);
    process.exit(1);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./index") as typeof Emulator;
}

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`layers-emulator: ${e.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { startEmulator } = loadEmulator();
  const emu = await startEmulator({
    host: opts.host,
    port: opts.port,
    apiKey: opts.apiKey,
    dataFile: opts.dataFile,
    jobMs: opts.jobMs,
    rateLimit: opts.rateLimit,
    rateLimitHeaders: opts.rateLimitHeaders,
    publicUrl: opts.publicUrl,
    logger: opts.logger,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emu.close().then(
      () => {
        process.stdout.write(`Layers emulator stopped (${signal})\n`);
        process.exit(0);
      },
      (e: Error) => {
        process.stderr.write(`layers-emulator: error while stopping: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Print only once the signal handlers are in place: a tool may signal right after reading.
  process.stdout.write(
    `Layers emulator listening on ${emu.url}\n` +
      `API key: ${emu.apiKey}\n` +
      `Default project: ${emu.projectId}\n` +
      (opts.dataFile ? `Data file: ${opts.dataFile}\n` : "State: in memory (use --data FILE to keep it)\n") +
      `Dashboard: ${emu.url}/ (loopback only)\n`,
  );
}

main().catch((e: Error) => {
  const message = e instanceof DataFileError ? e.message : `could not start: ${e.message}`;
  process.stderr.write(`layers-emulator: ${message}\n`);
  process.exit(1);
});
