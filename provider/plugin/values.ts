// Property values between the engine's protobuf Structs and the plain objects the lifecycle
// takes. The engine encodes an unknown (preview) as a sentinel string the lifecycle already
// understands, and may wrap a secret in a signature object even when the plugin declines
// secrets (pulumi-notes: seen for provider config): unwrapped here, never handed on wrapped.
import * as structproto from "google-protobuf/google/protobuf/struct_pb";

export type Props = Record<string, unknown>;

/** Pulumi's signature key and value for a secret (sdk/go/common/resource/sig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function fromStruct(struct: structproto.Struct | undefined): Props {
  return struct ? unwrapSecrets(struct.toJavaScript()) as Props : {};
}

/** Undefined members dropped (a Struct cannot carry them). */
export function toStruct(props: Props): structproto.Struct {
  return structproto.Struct.fromJavaScript(withoutUndefined(props) as Record<string, structproto.JavaScriptValue>);
}

export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    const obj = value as Props;
    if (obj[SIG_KEY] === SECRET_SIG) return unwrapSecrets(obj.value);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Props).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
  }
  return value;
}

/** Project, stack and name out of `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
  const [head = "", project = "", type = "", ...rest] = urn.split("::");
  return { stack: head.replace(/^urn:pulumi:/, ""), project, type: type.split("$").pop() ?? type, name: rest.join("::") };
}
