// A typed client for the real dynamic provider host (@pulumi/pulumi/cmd/dynamic-provider),
// sending each request with the shape the engine uses (see docs/host-harness.md):
// - configure: args = whole stack config with namespaced keys ("layers:apiKey"), secret values
//   wrapped as secrets; acceptSecrets/acceptResources/sendsOldInputs(ToDelete) = true.
// - everything after configure is marshalled per the host's answer (acceptSecrets=false):
//   secrets are sent unwrapped, resource references as ids; unknowns only in check/diff.
// - create/update in preview never reach the host (it does not report supportsPreview).
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { toHostCallError } from "./errors";
import { spawnHost, stopHost, type SpawnOptions, type SpawnedHost } from "./process";
import { urnName, urnType } from "./urn";
import { fromStruct, toStruct, wireSecret, type Props } from "./wire";

export type { Props } from "./wire";

export type DiffChanges = "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";

export interface ConfigureOptions {
    /** ConfigureRequest.acceptSecrets; the engine always sends true. */
    acceptSecrets?: boolean;
    /** Keys set with `pulumi config set --secret`: sent wrapped as secrets, as the engine does. */
    secretKeys?: string[];
}

export interface ProviderHost {
    pid: number;
    configure(config: Record<string, string>, opts?: ConfigureOptions): Promise<void>;
    check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
    diff(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props): Promise<{
        changes: DiffChanges; replaces: string[]; stables: string[]; deleteBeforeReplace: boolean; diffs: string[];
    }>;
    create(urn: string, props: Props, opts?: { preview?: boolean }): Promise<{ id: string; properties: Props }>;
    read(id: string, urn: string, props?: Props, inputs?: Props): Promise<{ id: string; properties: Props; inputs: Props }>;
    update(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props): Promise<{ properties: Props }>;
    delete(id: string, urn: string, props: Props, oldInputs?: Props): Promise<void>;
    kill(signal?: NodeJS.Signals): Promise<void>;
    close(): Promise<void>;
    /** Everything the host wrote after its port line: stderr and stdout, interleaved. */
    stderr(): string;
    /** Only what the host wrote to stdout after its port line (provider console.log). */
    stdout(): string;
}

export interface StartOptions extends SpawnOptions {
    /** Deadline for each gRPC call. Default 60 s. */
    callTimeoutMs?: number;
}

const changeNames: Record<number, DiffChanges> = {
    [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "DIFF_UNKNOWN",
    [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "DIFF_NONE",
    [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "DIFF_SOME",
};

type Unary<Req, Res> = (req: Req, md: grpc.Metadata, opts: Partial<grpc.CallOptions>,
    cb: (err: grpc.ServiceError | null, res: Res) => void) => grpc.ClientUnaryCall;

class HostClient implements ProviderHost {
    readonly pid: number;
    private configured = false;
    private acceptsSecrets = false;
    private supportsPreview = false;
    private acceptsResources = false;

    constructor(
        private readonly proc: SpawnedHost,
        private readonly client: provrpc.ResourceProviderClient,
        private readonly timeoutMs: number,
    ) {
        this.pid = proc.child.pid!;
    }

    private call<Req, Res>(method: string, fn: Unary<Req, Res>, req: Req): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            const deadline = Date.now() + this.timeoutMs;
            fn.call(this.client, req, new grpc.Metadata(), { deadline }, (err, res) => {
                if (err) reject(toHostCallError(method, err));
                else resolve(res);
            });
        });
    }

    private requireConfigured(method: string): void {
        if (!this.configured) {
            throw new Error(`harness: ${method} before configure(); the engine always configures first`);
        }
    }

    // Props for requests after configure: marshalled per the host's Configure answer.
    private wire(props: Props, keepUnknowns: boolean) {
        return toStruct(props, { keepUnknowns, keepSecrets: this.acceptsSecrets });
    }

    async configure(config: Record<string, string>, opts: ConfigureOptions = {}): Promise<void> {
        const secret = new Set(opts.secretKeys ?? []);
        const args: Props = {};
        const req = new provproto.ConfigureRequest();
        for (const [k, v] of Object.entries(config)) {
            args[k] = secret.has(k) ? wireSecret(v) : v;
            // Old-style variables map; the dynamic host ignores it but the engine sends it.
            req.getVariablesMap().set(`pulumi-nodejs:config:${k}`, v);
        }
        req.setArgs(toStruct(args, { keepUnknowns: true, keepSecrets: true }));
        req.setAcceptsecrets(opts.acceptSecrets ?? true);
        req.setAcceptresources(true);
        req.setSendsOldInputs(true);
        req.setSendsOldInputsToDelete(true);
        const res = await this.call("configure", this.client.configure, req);
        this.acceptsSecrets = res.getAcceptsecrets();
        this.acceptsResources = res.getAcceptresources();
        this.supportsPreview = res.getSupportspreview();
        this.configured = true;
    }

    async check(urn: string, olds: Props, news: Props) {
        this.requireConfigured("check");
        const req = new provproto.CheckRequest();
        req.setUrn(urn).setName(urnName(urn)).setType(urnType(urn));
        req.setOlds(this.wire(olds, true)).setNews(this.wire(news, true));
        const res = await this.call("check", this.client.check, req);
        return {
            inputs: fromStruct(res.getInputs()),
            failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props) {
        this.requireConfigured("diff");
        const req = new provproto.DiffRequest();
        req.setId(id).setUrn(urn).setName(urnName(urn)).setType(urnType(urn));
        req.setOlds(this.wire(olds, true)).setNews(this.wire(news, true));
        req.setOldInputs(this.wire(oldInputs ?? {}, true));
        const res = await this.call("diff", this.client.diff, req);
        return {
            changes: changeNames[res.getChanges()] ?? "DIFF_UNKNOWN",
            replaces: res.getReplacesList(),
            stables: res.getStablesList(),
            deleteBeforeReplace: res.getDeletebeforereplace(),
            diffs: res.getDiffsList(),
        };
    }

    async create(urn: string, props: Props, opts: { preview?: boolean } = {}) {
        this.requireConfigured("create");
        const preview = opts.preview === true;
        if (preview && !this.supportsPreview) {
            // Engine (provider_plugin.go Create): a provider that does not support previews
            // is not called; the inputs stand in for the outputs and the id is empty.
            return { id: "", properties: JSON.parse(JSON.stringify(this.wireJs(props, true))) as Props };
        }
        const req = new provproto.CreateRequest();
        req.setUrn(urn).setName(urnName(urn)).setType(urnType(urn)).setPreview(preview);
        req.setProperties(this.wire(props, preview));
        const res = await this.call("create", this.client.create, req);
        const id = res.getId();
        if (id === "" && !preview) {
            // The engine rejects this and records nothing: the resource would be orphaned.
            throw new Error(`create returned an empty id for ${urn} (engine: "returned empty resource.ID")`);
        }
        return { id, properties: fromStruct(res.getProperties()) };
    }

    private wireJs(props: Props, keepUnknowns: boolean): Props {
        return fromStruct(this.wire(props, keepUnknowns));
    }

    async read(id: string, urn: string, props?: Props, inputs?: Props) {
        this.requireConfigured("read");
        const req = new provproto.ReadRequest();
        req.setId(id).setUrn(urn).setName(urnName(urn)).setType(urnType(urn));
        // Refresh sends prior outputs (+ inputs); .get() sends only inputs; import sends neither.
        if (props) req.setProperties(this.wire(props, false));
        if (inputs) req.setInputs(this.wire(inputs, false));
        const res = await this.call("read", this.client.read, req);
        return { id: res.getId(), properties: fromStruct(res.getProperties()), inputs: fromStruct(res.getInputs()) };
    }

    async update(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props) {
        this.requireConfigured("update");
        const req = new provproto.UpdateRequest();
        req.setId(id).setUrn(urn).setName(urnName(urn)).setType(urnType(urn));
        req.setOlds(this.wire(olds, false)).setNews(this.wire(news, false));
        req.setOldInputs(this.wire(oldInputs ?? {}, false));
        const res = await this.call("update", this.client.update, req);
        return { properties: fromStruct(res.getProperties()) };
    }

    async delete(id: string, urn: string, props: Props, oldInputs?: Props) {
        this.requireConfigured("delete");
        const req = new provproto.DeleteRequest();
        req.setId(id).setUrn(urn).setName(urnName(urn)).setType(urnType(urn));
        req.setProperties(this.wire(props, false));
        req.setOldInputs(this.wire(oldInputs ?? {}, false));
        await this.call("delete", this.client.delete, req);
    }

    async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
        await stopHost(this.proc, signal, 2_000);
        this.client.close();
    }

    async close(): Promise<void> {
        this.client.close();
        await stopHost(this.proc, "SIGTERM");
    }

    stderr(): string {
        return this.proc.output();
    }

    stdout(): string {
        return this.proc.stdout();
    }

    /** The protocol bits the host's Configure answered (all false for the dynamic host). */
    get protocol() {
        return { acceptSecrets: this.acceptsSecrets, acceptResources: this.acceptsResources, supportsPreview: this.supportsPreview };
    }
}

/** Starts the real dynamic provider host with `cwd` as the program directory. */
export async function startProviderHost(opts: StartOptions): Promise<ProviderHost> {
    const proc = await spawnHost(opts);
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${proc.port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    const host = new HostClient(proc, client, opts.callTimeoutMs ?? 60_000);
    // Like the engine, read the plugin version first (its Handshake is UNIMPLEMENTED), so a
    // host that cannot serve at all fails here rather than in the first test.
    await new Promise<void>((resolve, reject) => {
        client.getPluginInfo(new Empty(), new grpc.Metadata(), { deadline: Date.now() + 30_000 }, (err) => {
            if (err) reject(toHostCallError("getPluginInfo", err));
            else resolve();
        });
    }).catch(async (e) => {
        await host.kill();
        throw e;
    });
    return host;
}
