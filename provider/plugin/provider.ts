// The plugin's behaviour as plain calls (server.ts speaks gRPC for it): one instance per
// plugin process, which the engine starts once per provider (the default one, or each
// explicit `pulumi:providers:layers`), hence one key, one client and one rate budget each.
// What a create, read, update or delete does is the lifecycle's (influencer/, media/);
// the resource adapters in resources.ts only fit it to the plugin's requests.
import { LayersClient } from "../client";
import { packageVersion } from "../client/version";
import { accessFailure } from "../core/access";
import type { CheckFailure } from "../core/check-failure";
import type { LifecycleContext } from "../core/context";
import { MissingApiKeyError, type Settings } from "../core/settings";
import { packageSchema } from "../spec/package";
import { checkConfig, configValues, isDefaultProvider, settingsFrom, CONFIG_KEYS } from "./config";
import { EngineLog } from "./engine-log";
import { invoke } from "./invokes";
import { adapterFor, plannedOutputs, type DiffAnswer } from "./resources";
import type { Props } from "./values";

export type { DetailedDiff, DiffAnswer } from "./resources";

export class LayersProvider {
  readonly version = packageVersion();
  /**
   * Where a Media's `file` is read from: the engine starts the plugin in the program's
   * directory. (The handshake's "program directory" is, in v3.276, the plugin's own.)
   */
  private readonly programDirectory = process.cwd();
  private engine?: EngineLog;
  private settings?: Settings;
  private ctx?: LifecycleContext;
  private schemaText?: string;

  handshake(opts: { engineAddress?: string }): void {
    if (opts.engineAddress) this.engine = new EngineLog(opts.engineAddress);
  }

  schema(): string {
    return (this.schemaText ??= JSON.stringify(packageSchema(this.version)));
  }

  checkConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
    return checkConfig(news);
  }

  /** A changed key or endpoint updates the provider; it never replaces a persona. */
  diffConfig(olds: Props, news: Props): DiffAnswer {
    const changed = CONFIG_KEYS.filter((k) => String(olds[k] ?? "") !== String(news[k] ?? ""));
    return { changes: changed.length > 0, replaces: [], stables: [], deleteBeforeReplace: false, detailedDiff: Object.fromEntries(changed.map((k) => [k, "update" as const])) };
  }

  /**
   * Reads the settings; a missing key fails here, once for the whole run (`pulumi preview`
   * included), instead of once per persona at `pulumi up`.
   */
  async configure(req: { args?: Props; variables: Props; urn?: string; name?: string }): Promise<void> {
    const values = configValues(req.args, req.variables, isDefaultProvider(req));
    this.ctx = undefined;
    this.settings = settingsFrom(values);
    if (!this.settings.apiKey) throw new MissingApiKeyError();
  }

  /** The lifecycle's context, its log lines shown at `urn`. (The engine configures before any call.) */
  context(urn?: string): LifecycleContext {
    if (this.ctx) return urn ? { ...this.ctx, log: (message) => this.log(message, urn) } : this.ctx;
    const settings = this.settings ?? settingsFrom({});
    if (!settings.apiKey) throw new MissingApiKeyError();
    this.ctx = {
      client: new LayersClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey }),
      jobTimeoutSeconds: settings.jobTimeoutSeconds,
      log: (message) => this.log(message),
      baseUrl: settings.baseUrl,
    };
    return this.context(urn);
  }

  log(message: string, urn?: string): void {
    if (this.engine) this.engine.info(`pulumi-layers: ${message}`, urn);
    else console.error(`pulumi-layers: ${message}`);
  }

  check(urn: string, olds: Props, news: Props) {
    return this.explain(() => adapterFor(urn).check({ urn, olds, news, ctx: () => this.context(urn), cwd: this.programDirectory }));
  }

  diff(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props) {
    return this.explain(async () => adapterFor(urn).diff({ id, urn, olds, news, oldInputs }));
  }

  /**
   * In a preview (the engine asks plugins that handshake) nothing is created: the answer is
   * the inputs, and every output the create would report is unknown.
   */
  create(urn: string, news: Props, preview = false) {
    if (preview) return Promise.resolve({ id: "", outs: plannedOutputs(urn, news) });
    return this.explain(() => adapterFor(urn).create({ urn, news, ctx: this.context(urn), cwd: this.programDirectory }));
  }

  read(id: string, urn: string, props: Props, inputs: Props) {
    return this.explain(() => adapterFor(urn).read({ id, urn, props, inputs, ctx: this.context(urn) }));
  }

  /** In a preview nothing is changed: the stored outputs with the declared inputs over them. */
  update(id: string, urn: string, olds: Props, news: Props, preview = false) {
    if (preview) return Promise.resolve({ ...olds, ...news });
    return this.explain(() => adapterFor(urn).update({ id, urn, olds, news, ctx: this.context(urn) }));
  }

  delete(id: string, urn: string, props: Props, oldInputs?: Props) {
    return this.explain(() => adapterFor(urn).delete({ id, urn, props, oldInputs, ctx: this.context(urn), log: (m) => this.log(m, urn) }));
  }

  invoke(token: string, args: Props): Promise<{ value?: Props; failures: CheckFailure[] }> {
    return this.explain(() => invoke(token, args, () => this.context().client));
  }

  cancel(): void {
    // Nothing to abort: in-flight calls finish or fail on their own deadlines, and every
    // create is safe to repeat (its Idempotency-Key is derived, not random).
  }

  /** A refused key or an unreachable endpoint says what to check (the same words as the dynamic host). */
  private async explain<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw accessFailure(e, this.settings?.baseUrl) ?? e;
    }
  }
}
