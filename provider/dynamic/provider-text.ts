// The `__provider` text every resource of ours stores in state, twice (inputs and outputs).
// The dynamic provider host evaluates it as a CommonJS module and calls `handler()` for the
// provider object (@pulumi/pulumi cmd/dynamic-provider, getProvider), caching it by text.
//
// We write this text ourselves instead of letting dynamic.Resource run the closure
// serializer over a shim object: the serialized shim was 3.2 KB, 6.4 KB of a persona's
// 9.3 KB of state, and the engine rewrites the whole state after every step, so its CPU on
// a 200-persona `pulumi up` was mostly spent writing those copies (docs/performance.md).
// This text is ~400 bytes, takes no serializer run in the program, and keeps the one
// contract that matters: the implementation is loaded by package path at run time, in the
// host, from the program's node_modules, so old state runs today's package. Texts written
// by earlier releases (serialized shims, test/fixtures/state) keep working: they load the
// same runtime modules by the same paths.

/**
 * The module text that hands the host the runtime module at `runtimePath` as the provider.
 * When the package itself is missing from the program's node_modules the error says how to
 * fix it, once: the host echoes a failed check, diff, read or delete to stderr (which the CLI
 * shows beside the error), so that echo, the next console.error if it holds this message, is
 * swallowed (host-errors.ts drops the echo of every other error). Any other load failure (a broken install, a throw
 * inside the runtime) goes on as it is, with its own message and stack.
 */
export function providerText(runtimePath: string): string {
  // Written without spaces or newlines: the engine stores it twice per resource and rewrites
  // the whole state after every step, so each byte here is paid 2 x resources x steps times.
  return (
    `exports.handler=()=>{let p=${JSON.stringify(runtimePath)};try{return require(p)}catch(e){` +
    'if(e?.code!="MODULE_NOT_FOUND"||!String(e.message).includes(p))throw e;' +
    'let m="pulumi-layers is not installed in the program directory "+process.cwd()+": npm install its tarball there",c=console.error;' +
    "console.error=(...a)=>{console.error=c;String(a[0]).includes(m)||c.apply(console,a)};throw Error(m)}}"
  );
}

export const INFLUENCER_PROVIDER = providerText("pulumi-layers/dist/provider/runtime");
export const MEDIA_PROVIDER = providerText("pulumi-layers/dist/provider/media/runtime");

/** The type token dynamic.Resource(provider, name, props, opts, "layers", type) registers. */
export const dynamicType = (type: string) => `pulumi-nodejs:dynamic/layers:${type}`;
