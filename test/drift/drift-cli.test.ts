// layers-drift with the real Pulumi CLI against the emulator: no drift, a field changed in
// Layers, a reference image missing, a persona deleted outside Pulumi, a wrong API key.
// RECORD_DRIFT_FIXTURES=1 rewrites test/drift/fixtures/*.events.json from these runs.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { requireCli } from "../e2e/support/cli";
import { DRIFT_BIN, REPO_ROOT, run, scratchProject, type Scratch } from "./support";

const FIXTURES = path.join(__dirname, "fixtures");
const WRONG_KEY = "lyr_test_wrong_key_0123456789";

describe("layers-drift with the real Pulumi CLI (emulator)", function () {
  this.timeout(600_000);
  let emu: RunningEmulator;
  let scratch: Scratch;
  let ids: { spokespersonId: string; hostId: string };

  const pulumi = (...args: string[]) => run("pulumi", [...args, "--stack", "dev", "--non-interactive"], { cwd: scratch.programDir, env: scratch.env });
  const pulumiOk = async (...args: string[]) => {
    const r = await pulumi(...args);
    assert.equal(r.code, 0, `pulumi ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  /** Runs the built bin like CI would: Markdown to a step summary file, JSON on stdout, events recorded. */
  async function drift(fixture: string) {
    const summary = path.join(scratch.dir, `${fixture}.md`);
    const events = path.join(scratch.dir, `${fixture}.events.json`);
    const r = await run(process.execPath, [DRIFT_BIN, "--stack", "dev", "--cwd", scratch.programDir, "--json", "--events", events], {
      cwd: scratch.dir,
      env: { ...scratch.env, GITHUB_STEP_SUMMARY: summary },
    });
    const markdown = fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "";
    if (process.env.RECORD_DRIFT_FIXTURES === "1" && fs.existsSync(events)) {
      fs.copyFileSync(events, path.join(FIXTURES, `${fixture}.events.json`));
      fs.writeFileSync(path.join(FIXTURES, `${fixture}.md`), markdown);
    }
    for (const text of [r.stdout, r.stderr, markdown, fs.existsSync(events) ? fs.readFileSync(events, "utf8") : ""]) {
      assert.ok(!text.includes(emu.apiKey) && !text.includes(WRONG_KEY), "no API key in anything layers-drift writes");
    }
    return { ...r, markdown, json: r.stdout.trim().startsWith("{") ? JSON.parse(r.stdout) : undefined };
  }

  before(async function () {
    const cliDir = requireCli(this); // skips with the reason, or fails in CI
    if (!fs.existsSync(DRIFT_BIN)) throw new Error(`${path.relative(REPO_ROOT, DRIFT_BIN)} is missing: run npm run build (npm test does)`);
    emu = await startEmulator({ host: "127.0.0.1", port: 0, jobMs: 100 });
    scratch = scratchProject(path.join(__dirname, "program"), cliDir);
    assert.equal((await run("pulumi", ["stack", "init", "dev", "--non-interactive"], { cwd: scratch.programDir, env: scratch.env })).code, 0);
    await pulumiOk("config", "set", "drift-test:projectId", emu.projectId);
    await pulumiOk("config", "set", "layers:baseUrl", emu.url);
    // The key comes from the environment, as in the drift-ci workflow (the secret LAYERS_API_KEY).
    scratch.env.LAYERS_API_KEY = emu.apiKey;
    await pulumiOk("up", "--yes", "--skip-preview");
    ids = JSON.parse((await pulumiOk("stack", "output", "--json")).stdout);
    assert.match(ids.spokespersonId, /^inf_/);
  });
  after(async () => {
    await emu?.close();
    scratch?.cleanup();
  });

  it("no drift: exit 0, both personas checked", async () => {
    const r = await drift("no-drift");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.status, "no-drift");
    assert.equal(r.json.unchanged, 2);
    assert.match(r.markdown, /No persona drift in stack `dev`/);
    assert.match(r.stderr, /no drift \(2 personas checked\)/);
  });

  it("a field changed in Layers: exit 2, the persona with the program's and Layers' values", async () => {
    const patch = await fetch(`${emu.url}/v1/influencers/${ids.spokespersonId}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ style: "neon cyberpunk", personality: { traits: ["loud"], tone: "brash" } }),
    });
    assert.equal(patch.status, 200);
    const r = await drift("field-changed");
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.json.status, "drift");
    assert.equal(r.json.personas.length, 1);
    const p = r.json.personas[0];
    assert.equal(p.influencerId, ids.spokespersonId);
    assert.equal(p.name, "Iris Vega");
    assert.equal(p.resource, "spokesperson");
    assert.match(p.thumbnailUrl, /\/thumbnail\.svg$/);
    assert.deepEqual(p.fields.map((f: { field: string }) => f.field), ["style", "personality"]);
    assert.deepEqual(p.fields[0], { field: "style", program: "bold primary colours, tailored blazers", layers: "neon cyberpunk", changedIn: "layers" });
    assert.match(r.markdown, /\| `style` \| bold primary colours, tailored blazers \| neon cyberpunk \| Layers \|/);
    assert.match(r.stderr, /DRIFT: 1 persona differs/);
  });

  it("a reference image the persona does not carry: reported as missing", async () => {
    // A media id of another project: the API silently drops it when binding, so it stays missing.
    const other = await fetch(`${emu.url}/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "elsewhere" }),
    }).then((res) => res.json() as Promise<{ projectId: string }>);
    const media = await fetch(`${emu.url}/v1/projects/${other.projectId}/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ url: "https://cdn.example.com/look.png" }),
    }).then((res) => res.json() as Promise<{ assetId: string }>);
    // Declared in the program, never bound (`pulumi up` would fail, saying the API dropped it).
    await pulumiOk("config", "set", "--path", "drift-test:referenceImages[0]", media.assetId);
    const r = await drift("reference-image-missing");
    assert.equal(r.code, 2, r.stderr);
    const host = r.json.personas.find((p: { resource: string }) => p.resource === "host");
    assert.deepEqual(host.missingReferenceImages, [media.assetId]);
    assert.match(r.markdown, new RegExp(`Reference image missing:\\*\\* \`${media.assetId}\``));
    await pulumiOk("config", "rm", "--path", "drift-test:referenceImages");
  });

  it("a persona deleted outside Pulumi: exit 2, 'deleted outside Pulumi' with its name and id", async () => {
    const del = await fetch(`${emu.url}/v1/influencers/${ids.hostId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "cleaned up in the dashboard" }),
    });
    assert.equal(del.status, 200);
    const r = await drift("deleted");
    assert.equal(r.code, 2, r.stderr);
    const host = r.json.personas.find((p: { resource: string }) => p.resource === "host");
    assert.equal(host.kind, "deleted");
    assert.equal(host.influencerId, ids.hostId);
    assert.equal(host.name, "Kai Moreau");
    assert.match(r.markdown, /\*\*Kai Moreau\*\*<br>`inf_\w+` \| deleted outside Pulumi \|/);
  });

  it("what the report says of it holds: a plain `pulumi up` leaves it missing, `pulumi up --refresh` creates a new one", async () => {
    const gone = async (id: string) =>
      (await fetch(`${emu.url}/v1/influencers/${id}`, { headers: { authorization: `Bearer ${emu.apiKey}` } })).status === 404;
    assert.ok(await gone(ids.hostId), "deleted in the previous case");
    const plain = await pulumiOk("up", "--yes", "--skip-preview");
    assert.match(plain.stdout, /\b3 unchanged\b/, plain.stdout);
    assert.equal(JSON.parse((await pulumiOk("stack", "output", "--json")).stdout).hostId, ids.hostId, "state still names the deleted persona");
    assert.ok(await gone(ids.hostId), "and nothing re-created it");

    await pulumiOk("up", "--refresh", "--yes", "--skip-preview");
    const after = JSON.parse((await pulumiOk("stack", "output", "--json")).stdout) as typeof ids;
    assert.notEqual(after.hostId, ids.hostId, "a new persona, with a new id");
    assert.ok(!(await gone(after.hostId)));
    assert.match(after.hostId, /^inf_/);
  });

  it("an unknown stack: exit 1, saying so", async () => {
    const r = await run(process.execPath, [DRIFT_BIN, "--stack", "nope", "--cwd", scratch.programDir], { cwd: scratch.dir, env: scratch.env });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr.trim().split("\n").pop()!, /^layers-drift: could not check: stack "nope" does not exist in /);
  });

  it("a wrong API key: exit 1 with the reason on one line, and no key printed", async () => {
    scratch.env.LAYERS_API_KEY = WRONG_KEY;
    const r = await drift("wrong-key");
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const last = r.stderr.trim().split("\n").pop()!;
    assert.match(last, /^layers-drift: could not check: .*(401|UNAUTHENTICATED|API key)/i);
    assert.equal(r.json.status, "error");
    assert.match(r.markdown, /Persona drift check failed/);
  });
});
