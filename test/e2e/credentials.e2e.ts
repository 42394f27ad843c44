// Credentials fail early, through the real engine: a missing key, a refused key, a key of
// another org and an unreachable baseUrl each fail `pulumi preview` of a three-persona
// stack of dynamic Influencers, with one error for the stack (not one per persona) that
// says what to check, no stack trace, and no key.
import * as assert from "assert";
import * as path from "path";
import { startLocalEmulator, type EmulatorHandle } from "../../scripts/emulator-handle";
import { otherOrgKey, requestLog, clearRequestLog } from "./emulator-api";
import { errorsOf, PluginProject, writes } from "./plugin/project";
import { REPO_ROOT, requireCli } from "./support/cli";

const PROGRAM = path.join(REPO_ROOT, "test", "e2e", "programs", "personas");
const PERSONAS = JSON.stringify({ ava: { args: { name: "Ava" } }, bo: { args: { name: "Bo" } }, cy: { args: { name: "Cy" } } });

describe("e2e: a wrong or missing credential fails pulumi preview once, saying what to check", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let project: PluginProject;
  const api = () => ({ url: emulator.url, apiKey: emulator.apiKey });

  before(async function () {
    requireCli(this);
    emulator = await startLocalEmulator({ host: "127.0.0.1", port: 0, jobMs: 200 });
    project = new PluginProject("credentials", { from: PROGRAM });
    await project.ok(["stack", "init", "dev"]);
    await project.ok(["config", "set", "e2e:projectId", emulator.projectId]);
    await project.ok(["config", "set", "e2e:personas", PERSONAS]);
  });

  after(async () => {
    project?.dispose();
    await emulator?.close();
  });

  /** Runs preview with these settings: the one error for the stack, after checking there is exactly one. */
  async function previewError(settings: { baseUrl: string; apiKey?: string }, expected: RegExp): Promise<string> {
    await project.ok(["config", "set", "layers:baseUrl", settings.baseUrl]);
    if (settings.apiKey === undefined) await project.run(["config", "rm", "layers:apiKey"]);
    else await project.setSecret("layers:apiKey", settings.apiKey);
    await clearRequestLog(api());
    const res = await project.run(["preview"]);
    assert.notEqual(res.code, 0, "preview fails");
    const errors = errorsOf(res.events).filter((m) => !/^preview failed$/.test(m));
    assert.equal(errors.filter((m) => expected.test(m)).length, 1, `exactly one error matching ${expected}:\n${errors.join("\n---\n")}`);
    // Nor a second copy of it at any other severity (a provider host's echo shows as a message).
    const all = res.events.filter((e) => e.diagnosticEvent && expected.test(e.diagnosticEvent.message));
    assert.equal(all.length, 1, `the message once in all diagnostics:\n${all.map((e) => JSON.stringify(e.diagnosticEvent)).join("\n")}`);
    assert.ok(!/^\s+at /m.test(res.stdout + res.stderr), `no stack frames:\n${res.stdout}`);
    assert.deepEqual(writes(await requestLog(api())), [], "preview writes nothing");
    if (settings.apiKey) assert.ok(!(res.stdout + res.stderr).includes(settings.apiKey), "the configured key is not in the output");
    return errors.find((m) => expected.test(m))!;
  }

  it("no key: says how to set layers:apiKey or LAYERS_API_KEY", async () => {
    const message = await previewError({ baseUrl: emulator.url }, /The Layers API key is not set/);
    assert.match(message, /pulumi config set --secret layers:apiKey <key>.*LAYERS_API_KEY/);
  });

  it("a refused key: names the 401 and layers:apiKey", async () => {
    const message = await previewError({ baseUrl: emulator.url, apiKey: "lyr_test_0000000000000000refused" }, /refused the API key/);
    assert.match(message, /401 UNAUTHENTICATED.*Check layers:apiKey .* LAYERS_API_KEY/);
  });

  it("a key of another org: says the project is not visible to that key", async () => {
    const message = await previewError({ baseUrl: emulator.url, apiKey: await otherOrgKey(api()) }, /is not visible to this API key/);
    assert.match(message, new RegExp(`project ${emulator.projectId} .*another org than the key's`));
  });

  it("nothing answering at baseUrl: names layers:baseUrl", async () => {
    const message = await previewError({ baseUrl: "http://127.0.0.1:9", apiKey: emulator.apiKey }, /no answer from the Layers API at http:\/\/127\.0\.0\.1:9/);
    assert.match(message, /ECONNREFUSED.*Check layers:baseUrl \/ LAYERS_BASE_URL/);
  });

  it("with the right settings the same preview passes, one project look-up for the three personas", async () => {
    await project.ok(["config", "set", "layers:baseUrl", emulator.url]);
    await project.setSecret("layers:apiKey", emulator.apiKey);
    await clearRequestLog(api());
    await project.ok(["preview"]);
    assert.deepEqual((await requestLog(api())).map((r) => `${r.method} ${r.path}`), [`GET /v1/projects/${emulator.projectId}/influencers`]);
  });
});
