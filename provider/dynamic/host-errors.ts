// How an error leaves the provider. The dynamic provider host prints `${error}: ${error.stack}`
// to stderr for every failed check, diff, read and delete, and the CLI shows that line as a
// message of the stack, beside the error itself: every message twice, with provider stack
// frames. Our messages are whole sentences that say what to do, so an error leaves as its
// message and the host's echo of it is dropped: the error's text starts with a marker that
// this process's console.error (ours: the host loads this module) does not print. The CLI
// then shows the error once. LAYERS_DEBUG=1 keeps the echo and the stack (for a bug report).
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

/** Starts the host's print of an error the CLI already shows (an invisible separator, then our name). */
const ECHO = "\u2063pulumi-layers";

function asMessageOnly(e: unknown): unknown {
  if (!(e instanceof Error) || debugging()) return e;
  // Own properties: the error's class and its message stay as they are for everyone else.
  Object.defineProperty(e, "stack", { value: e.message, configurable: true, writable: true });
  Object.defineProperty(e, "toString", { value: () => ECHO, configurable: true, writable: true });
  return e;
}

const debugging = () => /^(1|true)$/i.test(process.env.LAYERS_DEBUG ?? "");

// Installed once per process, whichever copy of this module loads first.
const INSTALLED = Symbol.for("pulumi-layers/host-errors/console-filter");
const g = globalThis as { [INSTALLED]?: boolean };
if (!g[INSTALLED]) {
  g[INSTALLED] = true;
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith(ECHO)) return;
    print(...args);
  };
}
