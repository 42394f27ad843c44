// Diagnostic preload (bench only): the provider with axios taken out of its HTTP transport, to
// measure what the HTTP library costs a command through the real engine (section
// engine-transport). It puts a stand-in for the `axios` module into the require cache before
// any provider code runs, so axios is never loaded (nor, with it, Node's fetch implementation),
// and each request goes straight to node:http(s). The stand-in implements only what
// provider/client/http.ts uses: `create(defaults).request(config)` with a text body and every
// status resolved, and `isAxiosError`. Loaded with NODE_OPTIONS=--require into every node
// process the Pulumi CLI starts. Plain JS: the provider host has no ts-node.
//
// Environment: BENCH_TRANSPORT_VARIANT=node-http; BENCH_TRANSPORT_MARK, a file the stand-in
// appends its pid to on its first request, so the bench can tell that the variant applied (a
// host that loaded another copy of the package would load the real axios, unnoticed).
"use strict";
const path = require("node:path");

if (process.env.BENCH_TRANSPORT_VARIANT === "node-http") {
  const clientDir = path.join(__dirname, "..", "..", "dist", "provider", "client");
  const file = require.resolve("axios", { paths: [clientDir] });

  let marked = false;
  const send = (defaults, config) =>
    new Promise((resolve, reject) => {
      if (!marked && process.env.BENCH_TRANSPORT_MARK) {
        marked = true;
        require("node:fs").appendFileSync(process.env.BENCH_TRANSPORT_MARK, `${process.pid}\n`);
      }
      const url = new URL(defaults.baseURL + config.url);
      const lib = url.protocol === "https:" ? require("node:https") : require("node:http");
      const headers = { ...config.headers };
      if (config.data !== undefined) headers["Content-Length"] = Buffer.byteLength(config.data);
      const req = lib.request(url, { method: config.method, headers, timeout: config.timeout, signal: config.signal }, (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (data += chunk));
        res.on("end", () => resolve({ status: res.statusCode, data, headers: res.headers, request: req }));
        res.on("error", (e) => reject(asAxiosError(e)));
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
      req.on("error", (e) => reject(asAxiosError(e)));
      req.end(config.data);
    });
  const asAxiosError = (cause) => Object.assign(new Error(cause.message), { isAxiosError: true, code: cause.code, cause, name: cause.name === "AbortError" ? "CanceledError" : "AxiosError" });

  const standIn = {
    create: (defaults) => ({ request: (config) => send(defaults, config) }),
    isAxiosError: (e) => Boolean(e && e.isAxiosError),
  };
  standIn.default = standIn;
  const m = new (require("node:module"))(file);
  m.filename = file;
  m.loaded = true;
  m.exports = standIn;
  require.cache[file] = m;
}
