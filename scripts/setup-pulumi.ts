// `npm run setup:pulumi`: makes a Pulumi CLI available and prints, as its last line, the
// absolute path of the directory holding it (scripts put it first on PATH). Progress goes
// to stderr so that `dir=$(npm run -s setup:pulumi)` captures the path alone.
import * as path from "path";
import { BuildError, buildPinnedPulumi } from "./pulumi-build";
import { locatePulumi } from "./pulumi-toolchain";

async function main(): Promise<number> {
  const found = locatePulumi();
  if (found) {
    console.error(found.source === "PATH" ? `Using the pulumi CLI on PATH (${found.dir}).` : `Using the pinned pulumi CLI built earlier.`);
    console.log(found.dir);
    return 0;
  }
  const dir = await buildPinnedPulumi({ root: path.resolve(__dirname, "..", "..") });
  console.log(dir);
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
