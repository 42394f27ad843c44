// How layers-import ends when it cannot do its job: bad flags before any API call (exit 2),
// and a wrong key, an unknown project, another org's project, a key without the scope or
// no key at all in exactly one line saying what to do (exit 1), never showing the key.
import { strict as assert } from "node:assert";
import { api, control, start } from "../../emulator/support";
import type { RunningEmulator } from "../../../emulator";
import { emulatorEnv, runImportIn } from "./support";

const WRONG_KEY = "lyr_test_wrongkey_5f0c2b9e7a1d4c3b";

describe("layers-import errors", function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ jobMs: 30 });
  });
  beforeEach(async () => control(emu).clearRequests());
  after(async () => emu?.close());

  const oneLine = (stderr: string) => {
    assert.equal(stderr.split("\n").filter(Boolean).length, 1, `one line, got: ${stderr}`);
    assert.ok(stderr.startsWith("layers-import: "));
    return stderr.trim();
  };

  for (const [args, rule] of [
    [[], /--project is required/],
    [["--project", "not-a-uuid"], /--project must be a Layers project id \(a UUID\), got "not-a-uuid"/],
    [["--project", "3f1c5a7e-0000-4000-8000-000000000000", "--status", "deleted"], /--status must be one of pending, training, ready, failed, got "deleted"/],
    [["--project", "3f1c5a7e-0000-4000-8000-000000000000", "--page-size", "0"], /--page-size must be a whole number from 1 to 100/],
    [["--project", "3f1c5a7e-0000-4000-8000-000000000000", "--page-size", "101"], /--page-size must be a whole number from 1 to 100/],
    [["--project", "3f1c5a7e-0000-4000-8000-000000000000", "--bogus"], /unknown option "--bogus"/],
    [["--project"], /--project needs a value/],
    [["--out", "--project", "3f1c5a7e-0000-4000-8000-000000000000"], /--out needs a value/],
  ] as const) {
    it(`usage error before any API call: ${args.join(" ") || "(no flags)"}`, async () => {
      const res = await runImportIn([...args], emulatorEnv(emu));
      assert.equal(res.code, 2);
      assert.match(res.stderr.split("\n")[0], rule);
      assert.match(res.stderr, /Usage: layers-import --project PROJECT_ID/);
      assert.deepEqual(await control(emu).requests(), []);
    });
  }

  it("--help prints the usage and exits 0", async () => {
    const res = await runImportIn(["--help"], emulatorEnv(emu));
    assert.equal(res.code, 0);
    assert.match(res.stdout, /--project ID/);
  });

  it("no key: says how to set one, before any API call", async () => {
    const res = await runImportIn(["--project", emu.projectId], { LAYERS_BASE_URL: emu.url });
    assert.equal(res.code, 1);
    assert.match(oneLine(res.stderr), /no Layers API key: export LAYERS_API_KEY=<key>.*or pass --stack NAME/);
    assert.deepEqual(await control(emu).requests(), []);
  });

  it("a wrong key: one line naming where the key came from, without the key", async () => {
    const res = await runImportIn(["--project", emu.projectId], emulatorEnv(emu, WRONG_KEY));
    assert.equal(res.code, 1);
    const line = oneLine(res.stderr);
    assert.match(line, /the Layers API at http:\/\/127\.0\.0\.1:\d+ refused the API key \(401 UNAUTHENTICATED, request req_\w{26}\): check LAYERS_API_KEY/);
    assert.ok(!line.includes(WRONG_KEY) && !res.stdout.includes(WRONG_KEY));
    assert.equal(res.stdout, "");
  });

  it("an unknown project: one line saying it may be another org's", async () => {
    const res = await runImportIn(["--project", "0b8e7c5e-0000-4000-8000-000000000000"], emulatorEnv(emu));
    assert.equal(res.code, 1);
    assert.match(oneLine(res.stderr), /project 0b8e7c5e-0000-4000-8000-000000000000 was not found at http:\S+ \(404 NOT_FOUND, request req_\w{26}\): it does not exist, or it belongs to another org than this API key's\. Check --project, and use a key of the project's org \(LAYERS_API_KEY\)/);
  });

  it("a project of another org: the same line (the API cannot tell the two apart), and nothing written", async () => {
    const other = await control(emu).org({ name: "other" });
    const project = await api(emu, other.apiKey).post("/v1/projects", { name: "theirs" });
    assert.equal(project.status, 201);
    const res = await runImportIn(["--project", project.body.projectId], emulatorEnv(emu));
    assert.equal(res.code, 1);
    assert.match(oneLine(res.stderr), /was not found .*belongs to another org/);
    assert.equal(res.stdout, "");
  });

  it("a key without the influencers:write scope: one line saying which scope", async () => {
    const scopeless = await control(emu).org({ scopes: [] });
    const res = await runImportIn(["--project", emu.projectId], emulatorEnv(emu, scopeless.apiKey));
    assert.equal(res.code, 1);
    const line = oneLine(res.stderr);
    assert.match(line, /lacks the influencers:write scope \(403 FORBIDDEN_SCOPE, request req_\w{26}\): use a key with influencers:write/);
    assert.ok(!line.includes(scopeless.apiKey));
  });

  it("nothing listening at the base URL: one line pointing at LAYERS_BASE_URL", async () => {
    const res = await runImportIn(["--project", emu.projectId], { LAYERS_API_KEY: emu.apiKey, LAYERS_BASE_URL: "http://127.0.0.1:9" });
    assert.equal(res.code, 1);
    assert.match(oneLine(res.stderr), /no answer from the Layers API at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\): check LAYERS_BASE_URL/);
  });
});
