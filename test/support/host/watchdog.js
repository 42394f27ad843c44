// Preloaded into the dynamic provider host by the test harness (node --require).
// The host's gRPC server keeps it alive forever; if the test runner dies without killing it
// (SIGKILL, crash), this makes the host exit when its stdin pipe from the runner closes,
// so no host process outlives the tests. It does nothing else and loads no modules.
"use strict";
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
