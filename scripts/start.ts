// `npm start`: the quickstart on the local emulator, in one command.
// Order matters: nothing is started before we know the Pulumi CLI is there, and the
// emulator is always stopped at the end. Every failure says what to do next.
import * as fs from "fs";
import * as path from "path";
import { projectExists, startLocalEmulator, type EmulatorHandle } from "./emulator-handle";
import { localPaths, pulumiEnv, STACK, type LocalPaths } from "./local-stack";
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

async function startEmulator(paths: LocalPaths): Promise<EmulatorHandle> {
  try {
    return await startLocalEmulator({ host: "127.0.0.1", port: 0, dataFile: paths.dataFile });
  } catch (e) {
    throw new StepError(`the Layers emulator did not start: ${(e as Error).message}`, `if ${paths.dataFile} is damaged, ${START_OVER}`);
  }
}

async function configureStack(run: PulumiRunOptions, emulator: EmulatorHandle): Promise<void> {
  const stackArgs = ["--stack", STACK];
  await pulumiOrFail(
    ["stack", "select", "--create", STACK],
    run,
    "if you changed PULUMI_CONFIG_PASSPHRASE since the last run, set it back; otherwise " + START_OVER,
  );
  const configHint = "check that PULUMI_CONFIG_PASSPHRASE is the one this stack was created with, or " + START_OVER;
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

  const emulator = await startEmulator(paths);
  console.log(`Layers emulator running at ${emulator.url} (data: ${path.relative(root, paths.dataFile)})`);
  // Ctrl-C reaches pulumi too; let it finish cleanly and stop the emulator afterwards.
  let interrupted = false;
  const onSigint = () => (interrupted = true);
  process.on("SIGINT", onSigint);
  try {
    const run: PulumiRunOptions = { cwd: root, env: withPulumiOnPath(cliDir, offlineEnv(pulumiEnv(paths))) };
    await configureStack(run, emulator);

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
    console.log(`\nRun npm start again: nothing changes. The emulator stops now (LAYERS_KEEP_RUNNING=1 npm start keeps it serving); its data stays in ${path.relative(root, paths.dataFile)}.`);
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
