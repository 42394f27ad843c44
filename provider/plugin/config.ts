// The plugin's configuration: stack config `layers:*` for the default provider, or the
// inputs of an explicit `pulumi:providers:layers`, with the environment fallbacks the
// dynamic resource has. The rules are core/settings.ts's, so both forms accept the same.
import type { CheckFailure } from "../core/check-failure";
import { readSettings, type ConfigSource, type Settings } from "../core/settings";
import { UNKNOWN } from "../core/validation";
import { parseUrn, type Props } from "./values";

export const CONFIG_KEYS = ["apiKey", "baseUrl", "jobTimeoutSeconds"] as const;

/** Provider inputs (`apiKey`, …; numbers allowed) read as stack config keys (`layers:apiKey`). */
function sourceOf(values: Props): ConfigSource {
  return {
    get(key) {
      const value = values[key.replace(/^layers:/, "")];
      return value === undefined || value === null || value === "" ? undefined : String(value);
    },
  };
}

/**
 * The engine's default provider for the package: `pulumi:providers:layers::default` or
 * `default_<version>` (Pulumi's own rule). An engine that sends neither URN nor name
 * configures only default providers that way.
 */
export function isDefaultProvider(req: { urn?: string; name?: string }): boolean {
  if (req.urn) {
    const { type, name } = parseUrn(req.urn);
    return type === "pulumi:providers:layers" && /^default(_\d+_\d+_\d+.*)?$/.test(name);
  }
  return !req.name || /^default(_\d+_\d+_\d+.*)?$/.test(req.name);
}

/** CheckConfig: each bad setting named, with its rule, before anything runs. */
export function checkConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  for (const key of ["baseUrl", "jobTimeoutSeconds"] as const) {
    if (news[key] === UNKNOWN) continue;
    try {
      readSettings(sourceOf({ [key]: news[key] }), {});
    } catch (e) {
      failures.push({ property: key, reason: (e as Error).message });
    }
  }
  return { inputs: news, failures };
}

/**
 * The values Configure uses. The default provider reads the stack config of *this* run
 * (`PULUMI_CONFIG`, which the engine gives every plugin), not the config recorded in state
 * at the last `pulumi up`, which is what the engine hands `refresh` and `destroy`: a rotated
 * key must work at once. An explicit provider's values are its own inputs.
 */
export function configValues(args: Props | undefined, variables: Props, isDefault: boolean, env: NodeJS.ProcessEnv = process.env): Props {
  if (isDefault && env.PULUMI_CONFIG) {
    try {
      // Keyed by the bare name for a plugin (seen with v3.276), `layers:<name>` in a program.
      const current = JSON.parse(env.PULUMI_CONFIG) as Record<string, unknown>;
      return Object.fromEntries(CONFIG_KEYS.map((k) => [k, current[k] ?? current[`layers:${k}`]]));
    } catch {
      // Unreadable: fall back to what the engine passed.
    }
  }
  if (args) return args;
  return Object.fromEntries(CONFIG_KEYS.map((k) => [k, variables[`layers:config:${k}`]]));
}

/** Settings from those values, then the environment (LAYERS_API_KEY, …), then the defaults. */
export function settingsFrom(values: Props, env: NodeJS.ProcessEnv = process.env): Settings {
  return readSettings(sourceOf(values), env);
}
