// Data sources, Pulumi-style, as plain functions: dynamic providers have no invokes, so
// these run in the program process (in `pulumi preview` too). They read the provider's
// settings the way the provider does (layers:apiKey / layers:baseUrl, then LAYERS_API_KEY /
// LAYERS_BASE_URL) and go through the same client, hence the same retries, rate limiting
// and errors. Results hold API data only, never the key.
//
// The client (axios, zod, the schemas) loads on the first look-up, not when the package is
// imported: about 0.2 s of CPU in the user's program at every `pulumi up` and `preview`,
// which a program that only declares resources never needs.
import * as pulumi from "@pulumi/pulumi";
import type * as Client from "../client";
import { MissingApiKeyError, readSettings, type ConfigSource } from "../core/settings";
import type * as Lookups from "../influencer/lookups";
import type {
  GetInfluencerArgs,
  GetInfluencerOutputArgs,
  GetInfluencerResult,
  GetInfluencersArgs,
  GetInfluencersOutputArgs,
  GetInfluencersResult,
} from "../spec/generated";

/** `layers:*` stack config, read in the program like the provider host reads it. */
const programConfig: ConfigSource = {
  get(key) {
    const [namespace, name] = key.split(":");
    return new pulumi.Config(namespace).get(name);
  },
};

const lookups = (): typeof Lookups => require("../influencer/lookups");
const clientModule = (): typeof Client => require("../client");

function client(fn: string): Client.LayersClient {
  const settings = readSettings(programConfig);
  if (!settings.apiKey) throw new Error(`layers.${fn}: ${new MissingApiKeyError().message}`);
  return new (clientModule().LayersClient)({ baseUrl: settings.baseUrl, apiKey: settings.apiKey });
}

/**
 * These run in the program, not in a provider: options that pick a provider cannot apply.
 * An explicit provider (another org's key) needs the plugin's look-ups.
 */
function refuseProvider(fn: string, opts: pulumi.InvokeOptions | undefined): void {
  if (opts?.provider || opts?.parent) {
    throw new Error(
      `layers.${fn}: the provider and parent options need the plugin's layers.plugin.${fn} (the dynamic look-ups read the stack's layers:* config)`,
    );
  }
}

/** Every persona of a project, following every page (one request per 100 personas). */
export function getInfluencers(args: GetInfluencersArgs, opts?: pulumi.InvokeOptions): Promise<GetInfluencersResult> {
  refuseProvider("getInfluencers", opts);
  return lookups().getInfluencers(args, () => client("getInfluencers"));
}

/** One persona, the full record (as `GET /v1/influencers/:id` reports it). */
export function getInfluencer(args: GetInfluencerArgs, opts?: pulumi.InvokeOptions): Promise<GetInfluencerResult> {
  refuseProvider("getInfluencer", opts);
  return lookups().getInfluencer(args, () => client("getInfluencer"));
}

/** Waits for `dependsOn` (resources that must exist first), then for the arguments. */
function afterDependencies<T>(args: T, opts: pulumi.InvokeOutputOptions | undefined): pulumi.Output<pulumi.Unwrap<T>> {
  const deps = opts?.dependsOn === undefined ? [] : pulumi.output(opts.dependsOn).apply((d) => (Array.isArray(d) ? d : [d]).map((r) => r.urn));
  return pulumi.all([pulumi.output(args), pulumi.output(deps).apply((urns) => pulumi.all(urns))]).apply(([resolved]) => resolved as pulumi.Unwrap<T>);
}

/**
 * getInfluencers taking and returning Outputs: waits for unknown arguments (a new project's
 * id) and for `dependsOn` (e.g. personas that must exist before they are listed).
 */
export function getInfluencersOutput(args: GetInfluencersOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetInfluencersResult> {
  refuseProvider("getInfluencersOutput", opts);
  return afterDependencies(args, opts).apply((a) => getInfluencers(a as GetInfluencersArgs));
}

/** getInfluencer taking and returning Outputs (waits for its argument and for `dependsOn`). */
export function getInfluencerOutput(args: GetInfluencerOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetInfluencerResult> {
  refuseProvider("getInfluencerOutput", opts);
  return afterDependencies(args, opts).apply((a) => getInfluencer(a as GetInfluencerArgs));
}
