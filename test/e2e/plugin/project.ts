// A Pulumi project on the provider plugin for the e2e suites: a copy of a program in a
// temporary directory, `plugins.providers` naming this repository's bin/ (where
// pulumi-resource-layers is), its own local backend and PULUMI_HOME, and the CLI run as a
// user runs it. Every command's output is kept, to prove the key never appears in it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { runPulumi, type PulumiResult } from "../../../scripts/pulumi-cli";
import { PASSPHRASE, REPO_ROOT } from "../support/cli";

export interface EngineEvent {
  diagnosticEvent?: { message: string; severity: string; urn?: string };
  resourcePreEvent?: { metadata: { op: string; urn: string; type: string; detailedDiff?: Record<string, unknown>; diffs?: string[] } };
  summaryEvent?: { resourceChanges?: Record<string, number> };
}

export interface Run extends PulumiResult {
  /** The engine's events of the run (`--event-log`), when it had any. */
  events: EngineEvent[];
}

export class PluginProject {
  readonly dir: string;
  readonly output: string[] = [];
  private readonly home: string;
  private readonly backend: string;

  /**
   * `program` holds the files to write (Pulumi.yaml as an object, the others as text); `from`
   * copies an example directory first.
   */
  constructor(label: string, opts: { from?: string; files?: Record<string, string>; pulumiYaml?: (y: Record<string, unknown>) => void; pluginPath?: string | null }) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `layers-e2e-${label}-`));
    this.home = path.join(this.dir, ".pulumi-home");
    this.backend = path.join(this.dir, ".state");
    fs.mkdirSync(this.backend);
    if (opts.from) fs.cpSync(opts.from, this.dir, { recursive: true, filter: (src) => !/Pulumi\.[^/]*\.yaml$/.test(path.basename(src)) || path.basename(src) === "Pulumi.yaml" });
    for (const [file, text] of Object.entries(opts.files ?? {})) fs.writeFileSync(path.join(this.dir, file), text);
    const yaml = this.pulumiYaml();
    if (opts.pluginPath === null) delete yaml.plugins;
    else yaml.plugins = { providers: [{ name: "layers", path: opts.pluginPath ?? path.join(REPO_ROOT, "bin") }] };
    opts.pulumiYaml?.(yaml);
    this.writePulumiYaml(yaml);
    // A TypeScript program loads pulumi-layers and @pulumi/pulumi from here, as after npm install.
    if (!fs.existsSync(path.join(this.dir, "node_modules"))) fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(this.dir, "node_modules"));
  }

  pulumiYaml(): Record<string, unknown> {
    return parse(fs.readFileSync(path.join(this.dir, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
  }

  writePulumiYaml(yaml: Record<string, unknown>): void {
    fs.writeFileSync(path.join(this.dir, "Pulumi.yaml"), stringify(yaml));
  }

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      // Unlocks --event-log (the Automation API sets it too): the engine's events, to count diagnostics.
      PULUMI_DEBUG_COMMANDS: "true",
      LAYERS_API_KEY: "",
      LAYERS_BASE_URL: "",
      ...extra,
    };
  }

  /** `pulumi <args> --non-interactive`, with the engine's events of the run. */
  async run(args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string): Promise<Run> {
    const log = path.join(this.dir, `events-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
    const withLog = ["up", "preview", "refresh", "destroy", "import"].includes(args[0]) ? [...args, "--event-log", log] : args;
    const res = await runPulumi([...withLog, "--non-interactive"], { cwd: this.dir, env: this.env(extraEnv), input });
    this.output.push(res.stdout, res.stderr);
    const events = fs.existsSync(log)
      ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as EngineEvent)
      : [];
    return { ...res, events };
  }

  /** Like run, but a non-zero exit is an error carrying the output. */
  async ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
    const res = await this.run(args, extraEnv);
    if (res.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${res.code}:\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  /** A new stack with the emulator's endpoint and key (as a secret), and `config` besides. */
  async initStack(stack: string, settings: { baseUrl: string; apiKey: string }, config: Record<string, string> = {}): Promise<void> {
    await this.ok(["stack", "init", stack]);
    await this.ok(["config", "set", "layers:baseUrl", settings.baseUrl]);
    await this.setSecret("layers:apiKey", settings.apiKey);
    for (const [k, v] of Object.entries(config)) await this.ok(["config", "set", k, v]);
  }

  /** A secret through standard input, so it is never an argument (ps) or in the output. */
  async setSecret(key: string, value: string): Promise<void> {
    const res = await this.run(["config", "set", "--secret", key], {}, value);
    if (res.code !== 0) throw new Error(`config set ${key}: ${res.stderr}`);
  }

  /** The state as `pulumi stack export` prints it (secrets stay encrypted). */
  async exportState(): Promise<{ text: string; resources: Array<{ urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }> }> {
    const res = await this.ok(["stack", "export"]);
    const deployment = (JSON.parse(res.stdout) as { deployment: { resources?: [] } }).deployment;
    return { text: res.stdout, resources: deployment.resources ?? [] };
  }

  /** The checkpoint files of the backend, as they are on disk. */
  stateFiles(): string {
    const texts: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else texts.push(fs.readFileSync(p, "utf8"));
      }
    };
    walk(this.backend);
    return texts.join("\n");
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The error diagnostics of a run's events, each message once as the engine sent it. */
export function errorsOf(events: EngineEvent[]): string[] {
  return events.filter((e) => e.diagnosticEvent?.severity === "error").map((e) => e.diagnosticEvent!.message.trim());
}

/** The `[diff: …]` keys the engine showed for a resource: update steps' detailed diff keys. */
export function diffKeys(events: EngineEvent[], name: string): string[] {
  const steps = events.filter((e) => e.resourcePreEvent && e.resourcePreEvent.metadata.urn.endsWith(`::${name}`) && e.resourcePreEvent.metadata.op === "update");
  return [...new Set(steps.flatMap((e) => e.resourcePreEvent!.metadata.diffs ?? Object.keys(e.resourcePreEvent!.metadata.detailedDiff ?? {})))].sort();
}

/** Writes to Layers in a request log: anything but a GET. */
export const writes = (log: Array<{ method: string; path: string }>) => log.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
