// What registering a resource costs in the user's program, for every class this package
// declares (the dynamic ones and the plugin's: the same SDK path). The SDK gives each output
// property four or five promises, and each promise reads `new Error().stack` at once for its
// leak report (runtime/debuggable.js). Under ts-node every such read is source-mapped frame
// by frame: for a persona's ~28 outputs that was ~130 mapped stacks and ~13 ms of CPU per
// resource, the largest part of a 200-persona program's CPU (docs/performance.md, "Through
// the real Pulumi engine").
//
// So, for the synchronous registration only, a stack read at once is just the error's first
// line: the leak report keeps its context label (resource name and property), without
// frames. (Frames formatted unmapped still cost ~6 ms per persona.) Three things keep them:
// - the resource's own source position: the stack read by the SDK's Resource.callsites()
//   (recognised by its first frame) goes to the original formatter;
// - every error created during registration and read later (a bad option thrown to the
//   user, the SDK's preallocated "failed to register" error): V8 formats a stack when it is
//   first read, after the original formatter is back;
// - PULUMI_DEBUG_PROMISE_LEAKS=1, when the leak report's stacks are the point: then nothing
//   is changed.

/** The capture of @pulumi/pulumi's Resource.callsites(), which parses positions out of the text. */
const isSourcePosition = (frames: NodeJS.CallSite[]) =>
  frames[0]?.getFunctionName() === "callsites" && /[\\/]@pulumi[\\/]pulumi[\\/]resource\.js$/.test(frames[0].getFileName() ?? "");

/**
 * Installs the frameless formatter for one synchronous registration; call the result to
 * restore. Each class wraps its own `super()` in it rather than extending a shared base class:
 * the SDK takes a resource's source position a fixed number of frames up
 * (Resource.stackTrace(4)), so one more constructor between the SDK and the user's `new`
 * would make every resource's position a line of this package.
 */
export function withoutPromiseStacks(): () => void {
  const original = Error.prepareStackTrace;
  // Without a formatter (plain Node), V8's own formatting is already cheap.
  if (!original || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  Error.prepareStackTrace = (error, frames) => (isSourcePosition(frames) ? original(error, frames) : String(error));
  return () => {
    Error.prepareStackTrace = original;
  };
}
