// Diagnostic host entry (bench only): the real dynamic provider host with the process-wide
// rate limiter replaced first (limiter-variant-preload.js says how and which).
"use strict";
require("./limiter-variant-preload");
// The engine's host, resolved from the program directory as the plugin script does.
require(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [process.cwd()] }));
