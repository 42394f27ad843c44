// Where the command's API key and base URL come from: the environment, or with --stack a
// stack's config (the key is a secret there, so it is read through the pulumi CLI, the only
// thing that can decrypt it). The provider's own rules (provider/core/settings.ts) then apply,
// so the command and `pulumi up` agree on which key and URL a stack uses.
import { readSettings, type ConfigSource, type Settings } from "../../provider/core/settings";

export class SettingsError extends Error {}

export async function resolveSettings(stack: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<Settings & { apiKey: string }> {
  const config = stack === undefined ? undefined : await stackConfig(stack, cwd, env);
  const settings = readSettings(config, env);
  if (!settings.apiKey) {
    throw new SettingsError(
      stack === undefined
        ? "no Layers API key: export LAYERS_API_KEY=<key> (and LAYERS_BASE_URL for the emulator), or pass --stack NAME to use a stack's layers:apiKey"
        : `stack ${stack} has no layers:apiKey and LAYERS_API_KEY is not set: run \`pulumi config set --secret layers:apiKey <key> --stack ${stack}\``,
    );
  }
  return settings as Settings & { apiKey: string };
}

/** The stack's config, secrets decrypted (Automation API: `pulumi config --show-secrets --json`). */
async function stackConfig(stack: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ConfigSource> {
  // Loaded only for --stack: the Automation API is a large module and needs the CLI.
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  let values: Record<string, { value: string }>;
  try {
    // The command's environment (PULUMI_CONFIG_PASSPHRASE, PULUMI_BACKEND_URL, PATH, …) for the CLI.
    const envVars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));
    const workspace = await LocalWorkspace.create({ workDir: cwd, envVars });
    values = await workspace.getAllConfig(stack);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/spawn \S*pulumi ENOENT/.test(text)) {
      throw new SettingsError(
        "--stack needs the Pulumi CLI (`pulumi`) on PATH to read the stack's secret config; install it " +
          "(https://www.pulumi.com/docs/install/), or export LAYERS_API_KEY and LAYERS_BASE_URL instead of --stack",
      );
    }
    // The CLI's own reason (no such stack, no Pulumi.yaml here, wrong passphrase): the first
    // line of its stderr. Never its stdout, which is where config values would be.
    const stderr = /\bstderr:([\s\S]*?)(?:\n\s*err\?:|$)/.exec(text)?.[1] ?? "";
    const line = stderr
      .split("\n")
      .map((l) => l.trim().replace(/^(error:\s*)+/i, ""))
      .find((l) => l && !/^Command failed with /.test(l)); // execa's own line; the CLI's follows
    throw new SettingsError(`reading the config of stack ${stack} in ${cwd} failed: ${line ?? "pulumi config failed"}`);
  }
  return { get: (key: string) => values[key]?.value };
}
