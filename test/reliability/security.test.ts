// Where the API key must never appear, and what a wrong key must never do. Real provider
// hosts against an emulator whose key is distinctive, so any leak is found by plain search:
// the serialized provider, outputs, every error message, the hosts' output, the request log
// and the --data file. A key of another org must not make refresh or destroy drop personas;
// a key without influencers:write gets a scope error; the control API answers loopback only.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { captureProviderText, engineInputs, type HostCallError, type ProviderHost, type Props } from "../support/host";
import { controlClient, dashboard, layers, urn } from "../provider/support";
import { live, rowsFor, startHost } from "./support";

const KEY = "lyr_live_SECRETkey_7f3a9c2e51b84d06a1";
const WRONG_KEY = "lyr_live_WRONGkey_00c0ffee00d15ea5e0";

describe("security: the API key stays secret, a wrong key never drops state", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let control: ReturnType<typeof controlClient>;
  let dir: string;
  const hosts: ProviderHost[] = [];
  const keys: string[] = [KEY, WRONG_KEY];
  const errors: string[] = [];
  const texts: string[] = []; // everything that must be key-free
  let inputs: Props;
  let id: string;
  let outputs: Props;

  const host = async (key: string) => {
    const h = await startHost(emulator.url, key);
    hosts.push(h);
    return h;
  };
  /** Runs a call that must fail; keeps its message for the leak check and returns it. */
  const failure = async (call: Promise<unknown>): Promise<string> => {
    const e = (await call.then(() => assert.fail("the call succeeded"), (err: HostCallError) => err)) as HostCallError;
    errors.push(e.message, e.details ?? "");
    return e.details ?? e.message;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-security-"));
    emulator = await startEmulator({ port: 0, jobMs: 50, apiKey: KEY, dataFile: path.join(dir, "state.json") });
    control = controlClient(emulator.url);
    // The key is in the environment while the program runs: a provider that captured it at
    // construction would carry it into the serialized text.
    const saved = process.env.LAYERS_API_KEY;
    process.env.LAYERS_API_KEY = KEY;
    try {
      const [c] = await captureProviderText(() => {
        new (layers().Influencer)("sec", { projectId: emulator.projectId, prompt: "security", name: "Sec", style: "plain" });
      });
      inputs = engineInputs(c);
      texts.push(c.providerText);
    } finally {
      if (saved === undefined) delete process.env.LAYERS_API_KEY;
      else process.env.LAYERS_API_KEY = saved;
    }
  });
  after(async () => {
    for (const h of hosts) await h.close().catch(() => undefined);
    await emulator?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("create, read and update outputs hold no key", async () => {
    const h = await host(KEY);
    const created = await h.create(urn("sec"), inputs);
    id = created.id;
    const read = await h.read(id, urn("sec"), created.properties, inputs);
    const updated = await h.update(id, urn("sec"), read.properties, { ...inputs, style: "bold" }, inputs);
    outputs = updated.properties;
    texts.push(JSON.stringify(created), JSON.stringify(read), JSON.stringify(updated));
    assert.equal(outputs.style, "bold");
  });

  it("a wrong key is a one-line 401 naming the request, without the key", async () => {
    const message = await failure((await host(WRONG_KEY)).create(urn("sec2"), inputs));
    assert.match(message, /POST \/v1\/projects\/[^ ]+\/influencers -> 401 UNAUTHENTICATED/);
    assert.ok(!message.includes("\n"));
  });

  it("a key without influencers:write gets a clear scope error from create", async () => {
    const scoped = await control.org(["projects:write"]);
    keys.push(scoped.apiKey);
    const message = await failure((await host(scoped.apiKey)).create(urn("sec3"), inputs));
    assert.match(message, /-> 403 FORBIDDEN_SCOPE: This key lacks the influencers:write scope/);
  });

  it("a key of another org sees 404: refresh and destroy refuse to drop the persona, naming the key/org problem", async () => {
    const other = await control.org();
    keys.push(other.apiKey);
    const h = await host(other.apiKey);
    const refresh = await failure(h.read(id, urn("sec"), outputs, inputs));
    assert.match(refresh, /404 for influencer inf_\w+, but this API key cannot see its project/);
    assert.match(refresh, /The key, its org or layers:baseUrl looks wrong; the persona is kept in state/);
    const destroy = await failure(h.delete(id, urn("sec"), outputs, inputs));
    assert.match(destroy, /delete of influencer inf_\w+.*cannot see its project/);
    assert.deepEqual(live(await rowsFor(control, "security")).map((r) => r.influencerId), [id], "the persona is untouched");
  });

  it("404s from the right key: a missing project, and a persona deleted outside Pulumi", async () => {
    const h = hosts[0];
    const missing = { ...inputs, projectId: "0b8e7c5e-0000-4000-8000-000000000000" };
    assert.match(await failure(h.create(urn("sec4"), missing)), /POST \/v1\/projects\/0b8e7c5e-[^ ]+\/influencers -> 404 NOT_FOUND/);
    assert.equal((await dashboard(emulator).delete(`/influencers/${id}`)).status, 200);
    const message = await failure(h.update(id, urn("sec"), outputs, { ...inputs, style: "quiet" }, inputs));
    assert.match(message, /404 NOT_FOUND/);
    const gone = await h.read(id, urn("sec"), outputs, inputs);
    assert.equal(gone.id, "", "with the right key a deleted persona is reported gone");
  });

  it("the control API refuses callers that are not on loopback", async () => {
    const orgsBefore = (await control.state() as unknown as { orgs: unknown[] }).orgs.length;
    const remote = { remoteAddress: "10.1.2.3" };
    const state = await emulator.app.inject({ method: "GET", url: "/_emulator/state", ...remote });
    assert.equal(state.statusCode, 403);
    assert.match(state.body, /only answers loopback clients/);
    const org = await emulator.app.inject({ method: "POST", url: "/_emulator/orgs", payload: {}, ...remote });
    assert.equal(org.statusCode, 403);
    const faults = await emulator.app.inject({ method: "DELETE", url: "/_emulator/faults", ...remote });
    assert.equal(faults.statusCode, 403);
    assert.equal((await control.state() as unknown as { orgs: unknown[] }).orgs.length, orgsBefore, "nothing was created");
    const local = await emulator.app.inject({ method: "GET", url: "/_emulator/config", remoteAddress: "127.0.0.1" });
    assert.equal(local.statusCode, 200);
  });

  it("no key anywhere: provider text, outputs, errors, host output, request log, --data file", async () => {
    assert.ok(errors.length >= 10, "the errors above were collected");
    texts.push(...errors);
    texts.push(...hosts.map((h) => h.stderr()), ...hosts.map((h) => h.stdout()));
    texts.push(JSON.stringify(await control.requests()));
    await emulator.close(); // flushes the data file
    const stored = fs.readFileSync(path.join(dir, "state.json"), "utf8");
    assert.ok(stored.length > 100 && stored.includes(id), "the data file holds the state");
    texts.push(stored);
    for (const key of keys) {
      for (const [i, text] of texts.entries()) assert.ok(!text.includes(key), `key #${keys.indexOf(key)} found in text #${i}`);
    }
  });
});
