// `npm run setup:pulumi`: makes a Pulumi CLI available and prints, as its last line, the
// absolute path of the directory holding it (scripts put it first on PATH). Progress goes
// to stderr so that `dir=$(npm run -s setup:pulumi)` captures the path alone.
// It also makes the YAML language host available: in the pinned build (a cache from before
// the host existed gains it), or, for a `pulumi` on PATH that has none beside it, the pinned
// host alone, which then has to go on PATH after that CLI's directory.
import * as path from "path";
import { findOnPath } from "./pulumi-cli";
import { BuildError, buildPinnedPulumi } from "./pulumi-build";
import { cliHome, locatePulumi, pinnedDir, YAML_HOST_FILE } from "./pulumi-toolchain";

async function main(): Promise<number> {
  const root = path.resolve(__dirname, "..", "..");
  const found = locatePulumi();
  // The pinned build found on PATH (a shell put it there, or a link to it) is still the pinned build.
  if (found?.source !== "PATH" || cliHome(found.dir) === pinnedDir()) {
    if (found?.yamlDir) console.error("Using the pinned pulumi CLI built earlier.");
    console.log(await buildPinnedPulumi({ root }));
    return 0;
  }
  console.error(`Using the pulumi CLI on PATH (${found.dir}).`);
  // Its own host: beside it (official releases ship one) or in its PATH directory.
  if (found.yamlDir && found.yamlDir !== pinnedDir()) {
    console.log(found.dir);
    return 0;
  }
  if (!found.yamlDir && !findOnPath("go")) {
    console.error(
      `setup:pulumi: warning: there is no ${YAML_HOST_FILE} beside it and Go is not installed to build the pinned one: ` +
        "Node.js programs run, YAML programs do not. Install Go 1.22+ and run again, or use a Pulumi CLI that ships the YAML host.",
    );
    console.log(found.dir);
    return 0;
  }
  const yamlDir = found.yamlDir ?? (await buildPinnedPulumi({ root, files: [YAML_HOST_FILE] }));
  console.error(
    `There is no ${YAML_HOST_FILE} beside it; YAML programs use the pinned one in ${yamlDir}: ` +
      `put that directory on PATH after ${found.dir} (the CLI then warns that it uses ${YAML_HOST_FILE} from $PATH).`,
  );
  console.log(found.dir);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof BuildError) {
      console.error(`setup:pulumi: step "${e.step}" failed: ${e.message.slice(e.step.length + 2)}\n  What to do: ${e.hint}.`);
    } else {
      console.error(`setup:pulumi: unexpected error: ${(e as Error)?.stack ?? e}`);
    }
    process.exitCode = 1;
  },
);
