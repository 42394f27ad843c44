// `npm start`: the quickstart on the local emulator, in one command.
// Order matters: nothing is started before we know the Pulumi CLI is there, and the
// emulator is always stopped at the end. Every failure says what to do next.
import * as fs from "fs";
import * as path from "path";
import { projectExists, startLocalEmulator, type EmulatorHandle } from "./emulator-handle";
import { DEFAULT_EMULATOR_PORT, emulatorPort, localPaths, pulumiEnv, STACK, type LocalPaths } from "./local-stack";
import { formatPersonas } from "./personas-table";
import { BuildError, buildPinnedPulumi } from "./pulumi-build";
import { findOnPath, missingCliMessage, pulumiOrFail, runPulumi, StepError, type PulumiRunOptions } from "./pulumi-cli";
import { locatePulumi, offlineEnv, withPulumiOnPath } from "./pulumi-toolchain";

const START_OVER = "delete the .layers/ folder to start from scratch (it holds only local emulator data and state)";

/** The repository root: the nearest directory upwards holding the quickstart's Pulumi.yaml. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new StepError("cannot find the repository root (Pulumi.yaml)", "run npm start inside the pulumi-layers repository");
  }
}

function checkPackageInstalled(root: string): void {
  try {
    require.resolve("pulumi-layers/dist/provider/runtime", { paths: [root] });
  } catch {
    throw new StepError(
      "pulumi-layers is not installed or not built in this repository (the provider host loads pulumi-layers/dist/provider/runtime)",
      "run `npm ci` (or `npm install`) in the repository root, then npm start again",
    );
  }
}

function chosenPort(): number {
  const port = emulatorPort();
  if (port === undefined) {
    throw new StepError(`LAYERS_EMULATOR_PORT is "${process.env.LAYERS_EMULATOR_PORT}", not a port number`, `set it to a free port from 1 to 65535, or unset it for ${DEFAULT_EMULATOR_PORT}`);
  }
  return port;
}

async function startEmulator(paths: LocalPaths, port: number): Promise<EmulatorHandle> {
  try {
    return await startLocalEmulator({ host: "127.0.0.1", port, dataFile: paths.dataFile });
  } catch (e) {
    // A free port instead would break every URL of the last run (state keeps them): say so.
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new StepError(
        `port ${port} on 127.0.0.1 is in use: another \`npm start\` keeping the dashboard open, or a Layers emulator, is serving there`,
        `stop it (Ctrl-C in its terminal) and run npm start again, or choose another port with LAYERS_EMULATOR_PORT=<port> npm start (the personas' URLs then move to it)`,
      );
    }
    throw new StepError(`the Layers emulator did not start: ${(e as Error).message}`, `if ${paths.dataFile} is damaged, ${START_OVER}`);
  }
}

/** Sets the stack config for this run; true when the emulator's address changed since the last run. */
async function configureStack(run: PulumiRunOptions, emulator: EmulatorHandle): Promise<boolean> {
  const stackArgs = ["--stack", STACK];
  await pulumiOrFail(
    ["stack", "select", "--create", STACK],
    run,
    "if you changed PULUMI_CONFIG_PASSPHRASE since the last run, set it back; otherwise " + START_OVER,
  );
  const configHint = "check that PULUMI_CONFIG_PASSPHRASE is the one this stack was created with, or " + START_OVER;
  const previous = await runPulumi(["config", "get", "layers:baseUrl", ...stackArgs], run);
  const moved = previous.code === 0 && previous.stdout.trim() !== emulator.url;
  await pulumiOrFail(["config", "set", "layers:baseUrl", emulator.url, ...stackArgs], run, configHint);
  // The key goes on stdin: an argument would show in every `ps` listing on the machine.
  await pulumiOrFail(["config", "set", "--secret", "layers:apiKey", ...stackArgs], { ...run, input: emulator.apiKey }, configHint);

  // Keep the project id from the last run while the emulator still knows it: changing
  // it would replace both personas, and running npm start twice must change nothing.
  const current = await runPulumi(["config", "get", "quickstart:projectId", ...stackArgs], run);
  const kept = current.code === 0 ? current.stdout.trim() : "";
  const keep = kept !== "" && (await projectExists(emulator.url, emulator.apiKey, kept));
  if (!keep) {
    await pulumiOrFail(["config", "set", "quickstart:projectId", emulator.projectId, ...stackArgs], run, configHint);
  }
  return moved;
}

/** The directory of the CLI to run: one on PATH, the cached pinned build, or a new build. */
async function pulumiDir(root: string): Promise<string | undefined> {
  const found = locatePulumi();
  if (found) return found.dir;
  if (!findOnPath("go")) return undefined;
  try {
    return await buildPinnedPulumi({ root, log: (l) => console.log(l) });
  } catch (e) {
    if (e instanceof BuildError) throw new StepError(`building the Pulumi CLI failed at "${e.step}": ${e.message.slice(e.step.length + 2)}`, e.hint);
    throw e;
  }
}

/** `npm start -- --serve` or LAYERS_KEEP_RUNNING=1: keep the emulator (and its dashboard) up after the run. */
function keepServing(): boolean {
  return process.argv.includes("--serve") || /^(1|true|yes)$/i.test(process.env.LAYERS_KEEP_RUNNING ?? "");
}

async function main(): Promise<number> {
  const root = findRoot(__dirname);
  const cliDir = await pulumiDir(root);
  if (!cliDir) {
    console.error(missingCliMessage());
    return 1;
  }
  checkPackageInstalled(root);
  const paths = localPaths(root);
  fs.mkdirSync(paths.stateDir, { recursive: true });
  fs.mkdirSync(paths.stacksDir, { recursive: true });

  const emulator = await startEmulator(paths, chosenPort());
  console.log(`Layers emulator running at ${emulator.url} (data: ${path.relative(root, paths.dataFile)})`);
  // Ctrl-C reaches pulumi too; let it finish cleanly and stop the emulator afterwards.
  let interrupted = false;
  const onSigint = () => (interrupted = true);
  process.on("SIGINT", onSigint);
  try {
    const run: PulumiRunOptions = { cwd: root, env: withPulumiOnPath(cliDir, offlineEnv(pulumiEnv(paths))) };
    const moved = await configureStack(run, emulator);
    if (moved) {
      // State keeps the URLs Layers returned, with the old address. A plain refresh would use
      // the config recorded at the last up (the old address, now dead); --run-program reads
      // the current one, so the personas are read again here and their URLs follow.
      console.log(`The emulator's address changed since the last run: refreshing the stack so its URLs point at ${emulator.url}.`);
      const refresh = await runPulumi(["refresh", "--run-program", "--yes", "--stack", STACK], { ...run, inherit: true });
      if (refresh.code !== 0) {
        throw new StepError(`\`pulumi refresh --run-program\` failed (exit ${refresh.code}); its output above says why`, `run npm start again, or ${START_OVER}`);
      }
    }

    const up = await runPulumi(["up", "--yes", "--stack", STACK], { ...run, inherit: true });
    if (interrupted) throw new StepError("interrupted", "run npm start again to finish; nothing is lost");
    if (up.code !== 0) {
      throw new StepError(
        `\`pulumi up\` failed (exit ${up.code}); its output above says why`,
        `fix that and run npm start again (state is kept in .layers/), or ${START_OVER}; see docs/troubleshooting.md`,
      );
    }
    const out = await pulumiOrFail(["stack", "output", "--json", "--show-secrets", "--stack", STACK], run, "run npm start again");
    console.log(`\nPersonas declared by the quickstart (stack ${STACK}):`);
    for (const line of formatPersonas(JSON.parse(out.stdout) as Record<string, unknown>)) console.log(`  ${line}`);
    console.log(`\nDashboard (portraits, status, fields, request log): ${emulator.url}/`);
    if (keepServing()) {
      console.log("The emulator keeps serving (LAYERS_KEEP_RUNNING / --serve); press Ctrl-C to stop it.");
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      return 0;
    }
    const data = path.relative(root, paths.dataFile);
    const portFlag = emulator.url.endsWith(`:${DEFAULT_EMULATOR_PORT}`) ? "" : ` --port ${emulator.url.slice(emulator.url.lastIndexOf(":") + 1)}`;
    console.log(
      `\nRun npm start again: nothing changes, and these URLs stay the same. The emulator stops now, so they answer ` +
        `only while it runs: \`LAYERS_KEEP_RUNNING=1 npm start\` keeps it serving after the run, and ` +
        `\`npm run emulator -- --data ${data}${portFlag}\` serves this data on its own. Its data stays in ${data}.`,
    );
    return 0;
  } finally {
    process.off("SIGINT", onSigint);
    await emulator.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof StepError) {
      console.error(`npm start: ${e.message}\n  What to do: ${e.hint}.`);
    } else {
      console.error(`npm start: unexpected error: ${(e as Error)?.stack ?? e}\n  What to do: please report it with the output above.`);
    }
    process.exitCode = 1;
  },
);
