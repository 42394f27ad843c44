// Runs an example's Pulumi program under pulumi.runtime.setMocks and records what the engine
// would receive: every resource registration (type, name, inputs, protect) and the values of
// the program's exports (its stack outputs). Nothing leaves the process.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  /** Inputs as the program passed them (the serialized `__provider` removed). */
  inputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
}

export interface ProgramRun {
  resources: Registered[];
  /** The program module's exports, with every Output resolved. */
  exports: Record<string, unknown>;
}

export interface RunOptions {
  project: string;
  stack: string;
  /** Stack config, keys fully qualified ("quickstart:projectId"). */
  config?: Record<string, string>;
}

// Internal SDK module: getMonitor returns the MockMonitor setMocks installed; waitForRPCs
// resolves once every queued registration has completed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): { registerResource(req: RegisterReq, cb: (err: unknown, res?: unknown) => void): unknown };
  waitForRPCs(): Promise<void>;
};
interface RegisterReq {
  getType(): string;
  getName(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
}

let counter = 0;

/** Fake engine answers: a persona comes back ready with an id and a thumbnail, an image with an asset id. */
const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    if (args.type === MEDIA_TYPE) {
      const id = `med_MOCK${String(++counter).padStart(22, "0")}`;
      return { id, state: { ...args.inputs, assetId: id, url: `https://cdn.example.test/${id}` } };
    }
    const id = `inf_MOCK${String(++counter).padStart(22, "0")}`;
    const isInfluencer = args.type.endsWith("layers:Influencer");
    const state = isInfluencer
      ? { ...args.inputs, influencerId: id, status: "ready", thumbnailUrl: `https://cdn.example.test/${id}.png` }
      : args.inputs;
    return { id, state };
  },
  call(args) {
    return args.inputs;
  },
};

/** Loads `programDir` (a fresh copy of its modules) under mocks and waits for it to finish. */
export async function runProgram(programDir: string, opts: RunOptions): Promise<ProgramRun> {
  pulumi.runtime.setAllConfig(opts.config ?? {});
  await pulumi.runtime.setMocks(mocks, opts.project, opts.stack, false);

  const resources: Registered[] = [];
  const monitor = settings.getMonitor();
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterReq, cb) => {
    const struct = (req as unknown as { getObject(): { toJavaScript(): Record<string, unknown> } }).getObject();
    const { __provider, ...inputs } = struct.toJavaScript();
    void __provider;
    resources.push({ type: req.getType(), name: req.getName(), inputs, protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete() === true });
    return original(req, cb);
  };

  const dir = path.resolve(programDir);
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(dir + path.sep)) delete require.cache[key];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(dir) as Record<string, unknown>;
  const exports: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mod)) {
    if (typeof value === "function") continue; // helpers a program module may export
    exports[key] = await resolve(value);
  }
  await settings.waitForRPCs();
  return { resources, exports };
}

function resolve(value: unknown): Promise<unknown> {
  return new Promise((done) => (pulumi.output(value) as pulumi.Output<unknown>).apply((v) => done(v)));
}

/** Resources of the Influencer type, by resource name. */
export function influencers(run: ProgramRun): Map<string, Registered> {
  return new Map(run.resources.filter((r) => r.type === INFLUENCER_TYPE).map((r) => [r.name, r]));
}

export const INFLUENCER_TYPE = "pulumi-nodejs:dynamic/layers:Influencer";
export const MEDIA_TYPE = "pulumi-nodejs:dynamic/layers:Media";
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
