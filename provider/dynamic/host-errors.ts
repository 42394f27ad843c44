// How an error leaves the provider. The dynamic provider host prints `${error}: ${error.stack}`
// to stderr for every failed call, and the CLI shows that text next to the error itself. Our
// messages are whole sentences that say what to do; a stack trace of provider internals
// around them only buries them. So an error leaves as its message, once, as
// "pulumi-layers: <message>". LAYERS_DEBUG=1 keeps the stack (for a bug report).
// A refused key or an unreachable endpoint is rewritten to say what to check (core/access.ts).
import { accessFailure } from "../core/access";
import { configuredBaseUrl } from "./host-context";

export function forHost<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      throw asMessageOnly(accessFailure(e, configuredBaseUrl()) ?? e);
    }
  };
}

function asMessageOnly(e: unknown): unknown {
  if (!(e instanceof Error) || /^(1|true)$/i.test(process.env.LAYERS_DEBUG ?? "")) return e;
  // Own properties: the error's class and its message stay as they are for everyone else.
  Object.defineProperty(e, "stack", { value: e.message, configurable: true, writable: true });
  Object.defineProperty(e, "toString", { value: () => "pulumi-layers", configurable: true, writable: true });
  return e;
}
