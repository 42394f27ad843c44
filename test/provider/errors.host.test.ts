// What a user reads when something is wrong: one line naming the request and the cause,
// and a way out. Run through the real provider host, as `pulumi up` shows them.
import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { resolveHostScript, startProviderHost, type HostCallError, type ProviderHost } from "../support/host";
import { REPO_ROOT, influencerInputs, urn } from "./package";

const ENV = { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" };

describe("provider errors in the real host", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  const hosts: ProviderHost[] = [];
  const host = async (config: Record<string, string>) => {
    const h = await startProviderHost({ cwd: REPO_ROOT, env: ENV });
    hosts.push(h);
    await h.configure(config);
    return h;
  };

  before(async () => {
    emulator = await startEmulator({ port: 0, jobMs: 50 });
  });
  after(async () => {
    for (const h of hosts) await h.close().catch(() => undefined);
    await emulator.close();
  });

  it("a program directory without pulumi-layers installed: each call says so and how to fix it", async () => {
    const bare = mkdtempSync(path.join(tmpdir(), "layers-no-package-"));
    try {
      const h = await startProviderHost({ cwd: bare, env: ENV, hostScript: resolveHostScript(REPO_ROOT) });
      hosts.push(h);
      await h.configure({ "layers:baseUrl": emulator.url });
      const { inputs } = await influencerInputs("ava", { projectId: emulator.projectId, name: "Ava" });
      for (const call of [() => h.check(urn("ava"), {}, inputs), () => h.create(urn("ava"), inputs)]) {
        const err = (await call().then(() => undefined, (e: unknown) => e)) as HostCallError | undefined;
        assert.ok(err, "the call fails");
        assert.match(String(err.message), /pulumi-layers is not installed in the program directory \S*layers-no-package-\S*: npm install its tarball there/);
      }
      // The error reaches the engine (which shows it); the host's own echo of it is swallowed.
      const printed = h.stderr();
      assert.ok(!printed.includes("is not installed"), `no second copy on the host's stderr:\n${printed}`);
      assert.ok(!/^\s+at /m.test(printed), `no stack frames:\n${printed}`);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it("a missing API key fails check (so `pulumi preview` fails), saying how to set it; bad inputs are still named first", async () => {
    const h = await host({ "layers:baseUrl": emulator.url });
    const { inputs } = await influencerInputs("ava", { projectId: emulator.projectId, name: "Ava" });
    for (const call of [() => h.check(urn("ava"), {}, inputs), () => h.create(urn("ava"), inputs)]) {
      await assert.rejects(call(), (e: Error) => {
        assert.match(e.message, /The Layers API key is not set.*pulumi config set --secret layers:apiKey <key>.*LAYERS_API_KEY/);
        return true;
      });
    }
    const bad = await influencerInputs("bad", { projectId: emulator.projectId, name: "" });
    assert.deepEqual((await h.check(urn("bad"), {}, bad.inputs)).failures.map((f) => f.property), ["name"]);
  });

  it("a bad base URL in config is reported on first use, and later calls still fail clearly", async () => {
    const h = await host({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": "api.layers.com" });
    const { inputs } = await influencerInputs("ava", { projectId: emulator.projectId, name: "Ava" });
    for (let i = 0; i < 2; i++) {
      await assert.rejects(h.create(urn("ava"), inputs), /layers:baseUrl must be an http\(s\) URL/);
    }
  });

  it("an API error is one line with method, path, status, code, message and request id", async () => {
    const h = await host({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": emulator.url });
    const missingProject = "0b8e7c5e-0000-4000-8000-000000000000";
    const { inputs } = await influencerInputs("ava", { projectId: missingProject, name: "Ava" });
    await assert.rejects(h.create(urn("ava"), inputs), (e: Error & { details?: string }) => {
      const line = e.details ?? e.message;
      assert.ok(!line.includes("\n"), line);
      assert.match(line, new RegExp(`POST /v1/projects/${missingProject}/influencers -> 404 NOT_FOUND: .+\\(request req_[0-9A-Z]{26}\\)`));
      assert.ok(!line.includes(emulator.apiKey));
      return true;
    });
  });

  it("nothing answering at the base URL fails check and create, naming the request and layers:baseUrl", async () => {
    const h = await host({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": "http://127.0.0.1:9" });
    const { inputs } = await influencerInputs("ava", { projectId: emulator.projectId, name: "Ava" });
    await assert.rejects(h.check(urn("ava"), {}, inputs), /no answer from the Layers API at http:\/\/127\.0\.0\.1:9 \(GET \/v1\/projects\/.+ -> connection error ECONNREFUSED.*Check layers:baseUrl \/ LAYERS_BASE_URL/);
    await assert.rejects(h.create(urn("ava"), inputs), /\(POST \/v1\/projects\/.+\/influencers -> connection error ECONNREFUSED.*Check layers:baseUrl/);
  });

  it("the host's own echo of a failed call is dropped (the CLI shows the error once); LAYERS_DEBUG=1 prints it with the stack", async () => {
    // The host prints `${error}: ${error.stack}` for failed check, diff, read and delete calls.
    const missingProject = "0b8e7c5e-0000-4000-8000-000000000001";
    const { inputs } = await influencerInputs("ava", { projectId: missingProject, name: "Ava" });
    const props = { ...inputs, influencerId: "inf_01ABCDEFGHJKMNPQRSTVWXYZ00" };
    for (const debug of [false, true]) {
      const h = await startProviderHost({ cwd: REPO_ROOT, env: { ...ENV, ...(debug ? { LAYERS_DEBUG: "1" } : {}) } });
      hosts.push(h);
      await h.configure({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": emulator.url });
      await assert.rejects(h.delete(props.influencerId, urn("ava"), props), /cannot see its project/);
      // A later line on stderr marks the point after which the echo would have been printed.
      await assert.rejects(h.delete(props.influencerId, urn("ava"), { ...props, projectId: "not a uuid" }), /./);
      for (let i = 0; i < 100 && debug && !h.stderr().includes("cannot see its project"); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      const printed = h.stderr();
      const frames = printed.split("\n").filter((l) => /^\s+at /.test(l));
      if (debug) {
        assert.match(printed, new RegExp(`(^|\\n)AccessLostError: delete of influencer ${props.influencerId}: `));
        assert.ok(frames.length > 0, `LAYERS_DEBUG=1 keeps the stack:\n${printed}`);
      } else {
        assert.deepEqual(frames, [], `no stack frames:\n${printed}`);
        assert.ok(!printed.includes("cannot see its project"), `no echo:\n${printed}`);
      }
      assert.ok(!printed.includes(emulator.apiKey));
    }
  });
});
