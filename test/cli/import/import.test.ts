// layers-import end to end against the emulator: a project with clashing and non-identifier
// names, a personality, reference images, a deleted, a failed and a still-generating persona,
// listed over several pages. The generated program must compile as it is, be the same when
// generated again, and adopt every persona through the real provider host without one
// PATCH or one changed record.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { control, start } from "../../emulator/support";
import type { RunningEmulator } from "../../../emulator";
import { captureProviderText, engineInputs, makeUrn, influencerType, startProviderHost, type ProviderHost } from "../../support/host";
import { REPO_ROOT, createPersona, emulatorEnv, programDir, runImportIn, seedProject, typecheck, type Seeded } from "./support";

const PAGE_SIZE = 3;

describe("layers-import against the emulator", function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let seeded: Seeded;
  let dir: string;
  let program: string;

  before(async () => {
    emu = await start({ jobMs: 30 });
    seeded = await seedProject(emu);
    await control(emu).clearFaults();
    dir = programDir();
  });
  after(async () => {
    await emu?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const listed = () => seeded.ready.size + 2; // + failed + still generating; the deleted one is not listed

  it("reads every page and each ready persona once, and nothing else", async () => {
    await control(emu).clearRequests();
    const res = await runImportIn(["--project", seeded.projectId, "--page-size", String(PAGE_SIZE), "--out", path.join(dir, "index.ts")], emulatorEnv(emu));
    assert.equal(res.code, 0, res.stderr);
    program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    const pages = Math.ceil(listed() / PAGE_SIZE);
    assert.ok(pages > 1, "the project spans several pages");
    const log = (await control(emu).requests()).map((r) => `${r.method} ${r.path}`);
    const listPath = `GET /v1/projects/${seeded.projectId}/influencers`;
    assert.equal(log.filter((l) => l === listPath).length, pages);
    assert.deepEqual(
      log.filter((l) => l !== listPath).sort(),
      [...seeded.ready.keys()].map((id) => `GET /v1/influencers/${id}`).sort(),
      "one GET per ready persona; none for the failed or generating ones",
    );
    assert.equal(res.requests, log.length);
    assert.equal(res.pages, pages);
    assert.deepEqual([res.declared, res.omitted], [seeded.ready.size, 2]);
    assert.match(res.stderr, new RegExp(`${seeded.ready.size} persona\\(s\\) declared, 2 left out`));
    assert.equal(res.stdout, "", "with --out nothing goes to stdout");
  });

  it("declares each ready persona once with adoptId, its id, status and thumbnail, and leaves the rest out with the reason", () => {
    for (const id of seeded.ready.keys()) {
      assert.equal(program.split(`adoptId: "${id}",`).length - 1, 1, `${id} declared once`);
      assert.match(program, new RegExp(`// ${id} · ready · thumbnail: http://127\\.0\\.0\\.1:\\d+/media/influencers/${id}/thumbnail\\.svg\\n`));
    }
    assert.ok(!program.includes(seeded.deleted), "a deleted persona never appears");
    assert.match(program, new RegExp(`// - ${seeded.failed} .*\\(failed\\): its generation failed, so there is nothing to adopt`));
    assert.match(program, new RegExp(`// - ${seeded.training} .*\\(training\\): still generating; run layers-import again once it is ready`));
    assert.ok(!program.includes(`adoptId: "${seeded.failed}"`) && !program.includes(`adoptId: "${seeded.training}"`));
    assert.ok(!/undefined|null/.test(program.replace(/^\/\/.*$/gm, "")), "no undefined or null values in the code");
  });

  it("names resources readably and uniquely: the oldest of a clash keeps the plain name", () => {
    const declared = [...program.matchAll(/^const (\w+) = new layers\.Influencer\("([^"]+)", \{\n(?:.*\n)*?  adoptId: "(inf_\w+)"/gm)]
      .map(([, variable, name, id]) => ({ variable, name, id }));
    assert.equal(declared.length, seeded.ready.size);
    assert.equal(new Set(declared.map((d) => d.name)).size, declared.length, "unique resource names");
    assert.equal(new Set(declared.map((d) => d.variable)).size, declared.length, "unique variables");
    const byName = (n: string) => [...seeded.ready].filter(([, name]) => name === n).map(([id]) => id);
    const [firstAva, secondAva] = byName("Ava");
    const nameOf = (id: string) => declared.find((d) => d.id === id)!;
    assert.deepEqual(nameOf(firstAva), { variable: "ava", name: "ava", id: firstAva });
    assert.equal(nameOf(secondAva).name, `ava-${secondAva.slice(-6).toLowerCase()}`);
    assert.equal(nameOf(byName("ava!")[0]).name, `ava-${byName("ava!")[0].slice(-6).toLowerCase()}`);
    assert.deepEqual([nameOf(byName("123 Start")[0]).name, nameOf(byName("123 Start")[0]).variable], ["123-start", "persona123Start"]);
    assert.deepEqual([nameOf(byName("class")[0]).name, nameOf(byName("class")[0]).variable], ["class", "classPersona"]);
    assert.equal(nameOf(byName("Zoë \"Z\" O'Neil")[0]).name, "zoe-z-o-neil");
    assert.equal(nameOf(byName("李娜")[0]).name, "persona");
  });

  it("writes values as a person would: escaped strings, the personality object as written, reference images", () => {
    assert.ok(program.includes(`  name: "Zoë \\"Z\\" O'Neil",\n`));
    assert.ok(program.includes(`  brandVoice: "Plain words.\\nNo \\\\ jargon, no \\"hype\\" */ ever.",\n`));
    // the object as Layers holds it, too long for one line: one key per line
    assert.ok(program.includes(`  personality: {\n    traits: ["wry", "patient"],\n    tone: "calm",\n    humor: "dry",\n    catchphrases: ["well then"],\n  },\n`));
    assert.ok(program.includes(`  gender: "nonbinary",\n  ageRange: "25-34",\n`));
    const block = program.slice(program.indexOf(`adoptId: "${seeded.withImages}"`));
    const refs = block.slice(0, block.indexOf("});"));
    assert.match(refs, /\/\/ Layers cannot unbind a reference image: removing an id here replaces the persona\.\n  referenceImageAssetIds: \[\n(    "med_\w{26}",\n){3}  \],\n/);
    for (const m of seeded.mediaIds) assert.ok(refs.includes(m), `uploaded image ${m} declared`);
  });

  it("compiles with tsc --noEmit as it is", () => {
    assert.equal(typecheck(dir), "");
  });

  it("the generated program adopts every persona through the real provider host: one GET each, no PATCH, records unchanged, then no drift", async () => {
    const captured = await captureProviderText(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(dir, "index.ts"));
    });
    assert.equal(captured.length, seeded.ready.size);
    const records = async () =>
      (await control(emu).state()).influencers.filter((i: { projectId: string }) => i.projectId === seeded.projectId);
    const before = await records();
    let host: ProviderHost | undefined;
    try {
      host = await startProviderHost({ cwd: REPO_ROOT, env: { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" } });
      await host.configure({ "layers:apiKey": emu.apiKey, "layers:baseUrl": emu.url }, { secretKeys: ["layers:apiKey"] });
      await control(emu).clearRequests();
      const created: { urn: string; id: string; inputs: Record<string, unknown>; outs: Record<string, unknown> }[] = [];
      for (const c of captured) {
        const urn = makeUrn(c.name, "dev", "layers-test", influencerType);
        const checked = await host.check(urn, {}, engineInputs(c));
        assert.deepEqual(checked.failures, [], `${c.name} passes check`);
        const res = await host.create(urn, checked.inputs);
        created.push({ urn, id: res.id, inputs: checked.inputs, outs: res.properties });
      }
      const log = (await control(emu).requests()).map((r) => `${r.method} ${r.path}`);
      // One GET per persona, and check's one look-up of the project for the whole run (core/access.ts).
      const expected = [...[...seeded.ready.keys()].map((id) => `GET /v1/influencers/${id}`), `GET /v1/projects/${seeded.projectId}/influencers`];
      assert.deepEqual(log.sort(), expected.sort(), "adoption: one GET per persona and one of the project, nothing else");
      assert.deepEqual(created.map((c) => c.id).sort(), [...seeded.ready.keys()].sort());
      assert.deepEqual(await records(), before, "no record changed on Layers (updatedAt included)");

      // pulumi preview --refresh --expect-no-changes: read each, then diff against the program
      for (const c of created) {
        const read = await host.read(c.id, c.urn, c.outs, c.inputs);
        const diff = await host.diff(c.id, c.urn, read.properties, c.inputs);
        assert.equal(diff.changes, "DIFF_NONE", `${c.urn}: ${diff.diffs.join(", ")}`);
      }
    } finally {
      await host?.close();
    }
  });

  it("--status filters the listing: only the failed persona, left out, from one page", async () => {
    await control(emu).clearRequests();
    const res = await runImportIn(["--project", seeded.projectId.toUpperCase(), "--status", "failed"], emulatorEnv(emu));
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual([res.declared, res.omitted, res.pages, res.requests], [0, 1, 1, 1]);
    assert.match(res.stdout, new RegExp(`// Left out \\(1\\):\n// - ${seeded.failed} `));
    assert.ok(!res.stdout.includes("= new layers.Influencer("), "nothing declared");
    const [list] = await control(emu).requests();
    assert.deepEqual(Object.fromEntries(new URLSearchParams(String(list.query))), { status: "failed", limit: "100" });
  });

  it("is the same file when run again; a persona made later is added without renaming any other", async () => {
    const again = await runImportIn(["--project", seeded.projectId], emulatorEnv(emu));
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, program, "same project, same program (page size does not matter)");

    const newcomer = await createPersona(emu, seeded.projectId, { name: "Ava" });
    const later = await runImportIn(["--project", seeded.projectId], emulatorEnv(emu));
    const blocks = program.split("\n\n").slice(2).filter((b) => b.includes("new layers.Influencer"));
    for (const b of blocks) assert.ok(later.stdout.includes(b), `unchanged: ${b.split("\n")[1]}`);
    const tail = newcomer.slice(-6).toLowerCase();
    assert.ok(later.stdout.includes(`const ava${tail[0].toUpperCase()}${tail.slice(1)} = new layers.Influencer("ava-${tail}"`));
  });
});
