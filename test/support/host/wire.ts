// Wire encoding between the harness and the dynamic provider host.
//
// The engine keeps secrets, unknowns and resource references as typed property values and
// marshals them per provider. The Node.js dynamic provider host answers Configure with
// acceptSecrets=false and acceptResources=false, so the engine strips secret wrappers and
// turns resource references into plain ids/urns before calling check/diff/create/read/
// update/delete. Unknowns are kept only where the engine allows them (check and diff in a
// preview) and travel as the string `unknownValue`. These helpers do the same to plain JS
// objects, so tests can feed captured program inputs straight into the host.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A property bag as it crosses the wire: plain JSON-like values. */
export type Props = Record<string, unknown>;

// Constants copied from @pulumi/pulumi/runtime/rpc (checked against 3.270); kept here so the
// harness has no import-order coupling with the SDK's global runtime state.
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";
export const specialResourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
export const specialOutputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** The key under which a dynamic resource stores its provider text (dynamic.Resource, or ours). */
export const providerKey = "__provider";

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when `v` is the SDK's wire form of a secret: `{ [sig]: secretSig, value }`. */
export function isWireSecret(v: unknown): v is { value: unknown } {
    return isPlainObject(v) && v[specialSigKey] === specialSecretSig;
}

/** Wraps a value the way the engine sends a secret to a provider that accepts secrets. */
export function wireSecret(value: unknown): Record<string, unknown> {
    return { [specialSigKey]: specialSecretSig, value };
}

export interface EncodeOptions {
    /** Keep unknown values (engine: only check/diff during preview, create/update in preview). */
    keepUnknowns: boolean;
    /** Keep secret wrappers (engine: only if the provider's Configure said acceptSecrets). */
    keepSecrets: boolean;
}

/**
 * Turns a property value into what the engine would marshal for this provider:
 * secrets unwrapped unless accepted, resource references reduced to their id (custom) or
 * urn (component), output values reduced to their value (or unknown), undefined dropped.
 * An unknown where unknowns are not allowed is an error, as it is in the engine.
 */
export function encodeValue(v: unknown, opts: EncodeOptions, path = ""): unknown {
    if (v === undefined) return undefined;
    if (v === unknownValue && !opts.keepUnknowns) {
        throw new Error(`harness: unknown value at '${path}' where the engine sends no unknowns`);
    }
    if (Array.isArray(v)) {
        return v.map((e, i) => {
            const enc = encodeValue(e, opts, `${path}[${i}]`);
            return enc === undefined ? null : enc;
        });
    }
    if (!isPlainObject(v)) return v;
    const sig = v[specialSigKey];
    if (sig === specialSecretSig) {
        const inner = encodeValue(v.value, opts, path);
        return opts.keepSecrets ? wireSecret(inner) : inner;
    }
    if (sig === specialResourceSig) {
        const id = v.id;
        return typeof id === "string" && id !== "" ? id : v.urn;
    }
    if (sig === specialOutputValueSig) {
        const known = Object.prototype.hasOwnProperty.call(v, "value");
        const inner = known ? encodeValue(v.value, opts, path) : unknownValue;
        if (inner === unknownValue && !opts.keepUnknowns) {
            throw new Error(`harness: unknown output value at '${path}'`);
        }
        return v.secret && opts.keepSecrets ? wireSecret(inner) : inner;
    }
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) {
        const enc = encodeValue(e, opts, path ? `${path}.${k}` : k);
        if (enc !== undefined) out[k] = enc;
    }
    return out;
}

/** Encodes a property bag into a protobuf Struct as the engine would send it. */
export function toStruct(props: Props, opts: EncodeOptions): Struct {
    const encoded = encodeValue(props, opts) as Record<string, unknown>;
    // Struct.fromJavaScript only knows JSON types; the cast documents that we checked.
    return Struct.fromJavaScript(encoded as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** Decodes a Struct from the host (absent → empty bag). */
export function fromStruct(s: Struct | undefined | null): Props {
    return s ? (s.toJavaScript() as Props) : {};
}

/** Removes every secret wrapper, recursively: what a reader without secret support sees. */
export function unwrapSecrets(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (!isPlainObject(v)) return v;
    if (isWireSecret(v)) return unwrapSecrets(v.value);
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) out[k] = unwrapSecrets(e);
    return out;
}
