// What registering a resource costs in the user's program. The SDK gives each output
// property four or five promises, and each promise captures `new Error().stack` for its
// leak report; under ts-node every capture is source-mapped frame by frame. For a persona's
// ~28 outputs that was 13 ms of CPU per resource, most of a big stack's program time
// (docs/performance.md). The resource's own source position does not come from these
// stacks: Resource.callsites() raises the limit itself, so errors and `pulumi up` still
// point at the user's line. A leak report keeps its context label (resource URN and
// property), only without the frames.

/** Turns promise stack capture off for one synchronous registration; call the result to restore. */
export function withoutPromiseStacks(): () => void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}
