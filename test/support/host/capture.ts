// Runs a Pulumi program function under pulumi.runtime.setMocks and records, for every dynamic
// resource it registers, exactly what the engine would receive: the RegisterResource `object`
// Struct after the SDK serialized it. That is where `__provider` (the provider text:
// closure-serialized by dynamic.Resource, asynchronously, or written by the resource class,
// as pulumi-layers does) and secrets/unknowns take their wire form:
// - a secret input arrives as { "4dabf1…": "1b4706…", value } (the engine sees a secret);
// - an unknown input (preview) arrives as the string "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
// - if the provider closure captured a secret, `__provider` itself arrives secret-wrapped.
// The returned `inputs` keep that wire form (minus `__provider`): hand them to the
// ProviderHost methods, which marshal them for the host exactly as the engine does.
import * as pulumi from "@pulumi/pulumi";
import { isWireSecret, providerKey, type Props } from "./wire";

export interface CapturedResource {
    /** The serialized provider module text (secret wrapper removed). */
    providerText: string;
    /** Every other registered input, in wire form. */
    inputs: Props;
    /** True when the SDK marked `__provider` secret (the closure captured a secret). */
    providerIsSecret: boolean;
    /** e.g. "pulumi-nodejs:dynamic/layers:Influencer". */
    type: string;
    name: string;
    urn: string;
    /** "register" for `new X(...)`, "read" for `X.get(...)` (ReadResource). */
    kind: "register" | "read";
}

export interface CaptureOptions {
    project?: string;
    stack?: string;
    /** Run as a preview: outputs of mocked resources without an id stay unknown. */
    preview?: boolean;
}

interface StructLike {
    toJavaScript(): Record<string, unknown>;
}
interface RegisterReq {
    getType(): string;
    getName(): string;
    getObject?(): StructLike | undefined;
    getProperties?(): StructLike | undefined;
}
type Callback = (err: unknown, res?: { getUrn(): string }) => void;
interface MonitorLike {
    registerResource(req: RegisterReq, cb: Callback): unknown;
    readResource(req: RegisterReq, cb: Callback): unknown;
}

// Internal SDK modules: getMonitor returns the MockMonitor that setMocks installed, and
// waitForRPCs resolves once every queued RPC (registrations included) has completed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
    getMonitor(): MonitorLike | undefined;
    waitForRPCs(): Promise<void>;
};

function isDynamic(type: string): boolean {
    return type.startsWith("pulumi-nodejs:dynamic");
}

function wrap(monitor: MonitorLike, kind: "register" | "read", out: CapturedResource[]): void {
    const method = kind === "register" ? "registerResource" : "readResource";
    const original = monitor[method].bind(monitor);
    monitor[method] = (req: RegisterReq, cb: Callback) =>
        original(req, (err, res) => {
            const type = req.getType();
            const struct = kind === "register" ? req.getObject?.() : req.getProperties?.();
            if (!err && res && isDynamic(type) && struct) {
                const { [providerKey]: provider, ...inputs } = struct.toJavaScript();
                const providerIsSecret = isWireSecret(provider);
                const text = providerIsSecret ? provider.value : provider;
                if (typeof text !== "string") {
                    throw new Error(`capture: ${type} ${req.getName()} registered without a __provider string`);
                }
                out.push({ providerText: text, inputs, providerIsSecret, type, name: req.getName(), urn: res.getUrn(), kind });
            }
            cb(err, res);
        });
}

/**
 * Runs `construct` (a Pulumi program body) under mocks and returns one entry per dynamic
 * resource it registered, in registration order.
 */
export async function captureProviderText(
    construct: () => void | Promise<void>,
    opts: CaptureOptions = {},
): Promise<CapturedResource[]> {
    const captured: CapturedResource[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: opts.preview ? undefined : `${args.name}-id`, state: args.inputs }),
            call: (args) => args.inputs,
        },
        opts.project ?? "layers-test",
        opts.stack ?? "dev",
        opts.preview ?? false,
    );
    const monitor = settings.getMonitor();
    if (!monitor) throw new Error("capture: setMocks installed no monitor");
    wrap(monitor, "register", captured);
    wrap(monitor, "read", captured);
    await construct();
    // Registration is async (and so is dynamic.Resource's closure serialization): wait for it.
    await settings.waitForRPCs();
    return captured;
}

/** The inputs the engine passes to check/create: program inputs plus `__provider`. */
export function engineInputs(c: CapturedResource): Props {
    return { ...c.inputs, [providerKey]: c.providerText };
}
