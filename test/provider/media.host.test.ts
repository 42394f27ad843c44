// layers.Media through the real dynamic provider host, whose cwd is a program directory
// holding the images: check reads and hashes the file, create uploads it once, refresh and
// delete make no API call, a crash after the upload is adopted by the next run.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { startProviderHost, unknownValue, type HostCallError, type ProviderHost, type Props } from "../support/host";
import { mediaInputs, mediaUrn, startRig, type Rig } from "./support";
import { influencerInputs } from "./package";
import { makeProgramDir, pngBytes, type ProgramDir } from "./program-dir";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const URN = mediaUrn("ava-photo");

describe("layers.Media in the real provider host", function () {
  this.timeout(60_000);
  let rig: Rig;
  let dir: ProgramDir;
  let projectId: string;
  const photo = pngBytes(300_000);
  const hosts: ProviderHost[] = [];

  /** What the engine does before create/diff: check, then hand on the checked inputs. */
  async function checked(args: Record<string, unknown>, host: ProviderHost = rig.host): Promise<Props> {
    const { inputs } = await mediaInputs("ava-photo", { projectId, ...args });
    const res = await host.check(URN, {}, inputs);
    assert.deepEqual(res.failures, []);
    return res.inputs;
  }
  const failuresOf = async (args: Record<string, unknown>) => {
    const { inputs } = await mediaInputs("ava-photo", args);
    return (await rig.host.check(URN, {}, inputs)).failures;
  };
  const freshHost = async () => {
    const host = await startProviderHost({ cwd: dir.path, env: { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" } });
    await host.configure({ "layers:apiKey": rig.emulator.apiKey, "layers:baseUrl": rig.emulator.url }, { secretKeys: ["layers:apiKey"] });
    hosts.push(host);
    return host;
  };
  const assets = async () =>
    ((await rig.control.state()) as unknown as { media: { assetId: string; source: string }[] }).media.filter((m) => m.source !== "portrait");
  const requests = async () => (await rig.control.requests()).map((r) => `${r.method} ${r.path}`);

  before(async () => {
    dir = await makeProgramDir();
    await dir.write("assets/ava.png", photo);
    await dir.write("assets/notes.txt", "not an image");
    await dir.write("assets/logo.svg", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    await dir.write("assets/huge.png", pngBytes(64));
    await fs.truncate(path.join(dir.path, "assets/huge.png"), 10 * 1024 * 1024 + 1); // sparse: cheap to make
    await fs.mkdir(path.join(dir.path, "assets/folder.png"));
    rig = await startRig({ cwd: dir.path });
    projectId = rig.emulator.projectId;
  });
  after(async () => {
    for (const h of hosts) await h.kill().catch(() => undefined);
    await rig?.close();
    await dir?.remove();
  });

  it("has its own provider text, the same for every Media, with no key, path or file bytes in it", async () => {
    const a = await mediaInputs("a", { projectId, file: "assets/ava.png" });
    const b = await mediaInputs("b", { projectId, url: "https://cdn.example.test/b.jpg" });
    const inf = await influencerInputs("c", { projectId });
    assert.equal(a.providerText, b.providerText);
    assert.notEqual(a.providerText, inf.providerText);
    assert.match(a.providerText, /let p="pulumi-layers\/dist\/provider\/media\/runtime";[^]*require\(p\)/);
    for (const needle of [rig.emulator.apiKey, dir.path, "/work/", projectId]) assert.ok(!a.providerText.includes(needle), needle);
  });

  it("check reads the file in the program directory: its hash, size and type become inputs, its bytes go nowhere", async () => {
    await rig.control.clearRequests();
    const inputs = await checked({ file: "assets/ava.png" });
    assert.equal(inputs.sha256, sha256(photo));
    assert.equal(inputs.sizeBytes, photo.length);
    assert.equal(inputs.contentType, "image/png");
    assert.ok(JSON.stringify(inputs).length < 5000, "the checked inputs are small");
    assert.equal((await checked({ file: "assets/logo.svg" })).contentType, "image/svg+xml");
    assert.equal((await checked({ file: "assets/ava.png", contentType: "image/webp" })).contentType, "image/webp", "a declared type overrides the bytes");
    // Only check's one look-up of the project per host (its key and org can work: core/access.ts).
    assert.ok((await requests()).every((r) => r === `GET /v1/projects/${projectId}/influencers`), "no upload, no other call");
    assert.ok((await requests()).length <= 1);
  });

  it("check names the input and the rule for each bad file or source, before any API call", async () => {
    await rig.control.clearRequests();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ projectId, file: "assets/missing.png" }, "file", /file: "assets\/missing.png" does not exist \(paths are relative to the program directory/],
      [{ projectId, file: "assets/huge.png" }, "file", /10\.0 MiB \(10485761 bytes\); the API accepts at most 10 MiB/],
      [{ projectId, file: "assets/notes.txt" }, "file", /not an image type the API accepts \(image\/png, image\/jpeg, image\/webp, image\/gif, image\/svg\+xml\)/],
      [{ projectId, file: "assets/folder.png" }, "file", /is not a regular file/],
      [{ projectId, file: "assets/ava.png", url: "https://x.test/a.png" }, "url", /exactly one of file or url/],
      [{ projectId }, "file", /exactly one of file .* or url/],
      [{ projectId, url: "ftp://x.test/a.png" }, "url", /must be an http\(s\) URL/],
      [{ projectId, file: "assets/ava.png", contentType: "image/bmp" }, "contentType", /must be one of "image\/png"/],
      [{ projectId, url: "https://x.test/a.png", contentType: "image/png" }, "contentType", /applies to a file only/],
      [{ file: "assets/ava.png" }, "projectId", /projectId is required/],
    ];
    for (const [args, property, reason] of cases) {
      const failures = await failuresOf(args);
      assert.deepEqual(failures.map((f) => f.property), [property], JSON.stringify(args));
      assert.match(failures[0].reason, reason);
    }
    assert.deepEqual(await requests(), [], "no API call");
  });

  it("check says an unreadable file is unreadable", async function () {
    if (process.getuid?.() === 0) {
      console.log("      (skipped: running as root, which reads a file whatever its mode)");
      this.skip();
    }
    await dir.write("assets/locked.png", photo);
    await fs.chmod(path.join(dir.path, "assets/locked.png"), 0o000);
    const failures = await failuresOf({ projectId, file: "assets/locked.png" });
    assert.deepEqual(failures.map((f) => f.property), ["file"]);
    assert.match(failures[0].reason, /cannot be read \(permission denied\)/);
  });

  let created: { id: string; properties: Props };
  let inputs: Props;

  it("create uploads once with an Idempotency-Key; the asset serves the file's bytes; state holds the hash, not the bytes", async () => {
    inputs = await checked({ file: "assets/ava.png" });
    await rig.control.clearRequests();
    created = await rig.host.create(URN, inputs);
    const log = await rig.control.requests();
    assert.deepEqual(log.map((r) => `${r.method} ${r.path} ${r.status}`), [`POST /v1/projects/${projectId}/media 201`]);
    assert.match(String(log[0].idempotencyKey), /^pulumi-layers-[0-9a-f]{48}$/);
    const out = created.properties;
    assert.match(created.id, /^med_[0-9A-Z]{26}$/);
    assert.equal(out.assetId, created.id);
    assert.deepEqual([out.sha256, out.sizeBytes, out.contentType, out.file], [sha256(photo), photo.length, "image/png", "assets/ava.png"]);
    assert.equal(typeof out.thumbnailUrl, "string");
    assert.equal(typeof out.createdAt, "string");
    const served = Buffer.from(await (await fetch(String(out.url))).arrayBuffer());
    assert.ok(served.equals(photo), "the uploaded asset is the file");
    const state = JSON.stringify(out);
    assert.ok(!state.includes(photo.subarray(1000, 1300).toString("base64")), "no file bytes in state");
    assert.ok(state.length < 5000);
    assert.ok(!state.includes(rig.emulator.apiKey) && !rig.host.stderr().includes(rig.emulator.apiKey), "no key in state or host output");
  });

  it("refresh keeps the recorded outputs without an API call; the same file diffs as no change", async () => {
    await rig.control.clearRequests();
    const read = await rig.host.read(created.id, URN, created.properties, inputs);
    assert.equal(read.id, created.id);
    assert.deepEqual(read.properties, created.properties);
    assert.deepEqual(await requests(), []);
    const again = await checked({ file: "assets/ava.png" });
    assert.equal((await rig.host.diff(created.id, URN, created.properties, again)).changes, "DIFF_NONE");
  });

  it("a moved file with the same bytes is an update without an API call; changed bytes, type or project replace", async () => {
    await dir.write("assets/moved/ava.png", photo);
    const moved = await checked({ file: "assets/moved/ava.png" });
    const d = await rig.host.diff(created.id, URN, created.properties, moved);
    assert.deepEqual([d.changes, d.replaces], ["DIFF_SOME", []]);
    await rig.control.clearRequests();
    const updated = await rig.host.update(created.id, URN, created.properties, moved);
    assert.deepEqual(await requests(), []);
    assert.equal(updated.properties.file, "assets/moved/ava.png");
    assert.equal(updated.properties.assetId, created.id);
    assert.equal(updated.properties.url, created.properties.url);

    await dir.write("assets/moved/ava.png", pngBytes(300_000, 2));
    const edited = await checked({ file: "assets/moved/ava.png" });
    assert.deepEqual((await rig.host.diff(created.id, URN, updated.properties, edited)).replaces, ["file"]);
    // The replacement as the engine runs it (create, then delete the old): a new asset of the new bytes.
    const replacement = await rig.host.create(URN, edited);
    assert.notEqual(replacement.id, created.id);
    assert.equal(replacement.properties.sha256, sha256(pngBytes(300_000, 2)));
    await rig.host.delete(replacement.id, URN, replacement.properties);
    const retyped = await checked({ file: "assets/ava.png", contentType: "image/webp" });
    assert.deepEqual((await rig.host.diff(created.id, URN, created.properties, retyped)).replaces, ["contentType"]);
    const other = await fetch(`${rig.emulator.url}/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${rig.emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Elsewhere" }),
    }).then((r) => r.json() as Promise<{ projectId: string }>);
    const { inputs: elsewhere } = await mediaInputs("ava-photo", { projectId: other.projectId, file: "assets/ava.png" });
    const checkedElsewhere = (await rig.host.check(URN, {}, elsewhere)).inputs;
    assert.deepEqual((await rig.host.diff(created.id, URN, created.properties, checkedElsewhere)).replaces, ["projectId"]);
  });

  it("in a preview, an unknown file or project checks clean and previews as a possible replacement", async () => {
    const { inputs: unknownFile } = await mediaInputs("ava-photo", { projectId, file: unknownValue });
    const res = await rig.host.check(URN, {}, unknownFile);
    assert.deepEqual(res.failures, []);
    assert.deepEqual((await rig.host.diff(created.id, URN, created.properties, res.inputs)).replaces, ["file"]);
    const { inputs: unknownProject } = await mediaInputs("ava-photo", { projectId: unknownValue, file: "assets/ava.png" });
    const checkedProject = await rig.host.check(URN, {}, unknownProject);
    assert.deepEqual(checkedProject.failures, []);
    assert.deepEqual((await rig.host.diff(created.id, URN, created.properties, checkedProject.inputs)).replaces, ["projectId"]);
  });

  it("delete makes no API call and says the asset is forgotten, not deleted", async () => {
    await rig.control.clearRequests();
    await rig.host.delete(created.id, URN, created.properties);
    assert.deepEqual(await requests(), []);
    assert.match(rig.host.stderr(), new RegExp(`layers.Media ${created.id} is forgotten, not deleted: the Layers API cannot delete media`));
    assert.ok((await assets()).some((a) => a.assetId === created.id), "the asset is still in the library");
  });

  it("a URL image is uploaded by URL, has no hash or size, and a changed URL replaces", async () => {
    const byUrl = await checked({ url: "https://cdn.example.test/ava.jpg" });
    const made = await rig.host.create(URN, byUrl);
    assert.deepEqual([made.properties.sourceUrl, made.properties.sha256, made.properties.sizeBytes, made.properties.contentType], ["https://cdn.example.test/ava.jpg", null, null, null]);
    assert.equal((await rig.host.diff(made.id, URN, made.properties, byUrl)).changes, "DIFF_NONE");
    const other = await checked({ url: "https://cdn.example.test/ava-2.jpg" });
    assert.deepEqual((await rig.host.diff(made.id, URN, made.properties, other)).replaces, ["url"]);
  });

  it("a host killed after the upload was accepted: the next run's create adopts that asset, no second upload", async () => {
    await dir.write("assets/crash.png", pngBytes(50_000, 3));
    // Every response to the upload is lost, so the first host keeps retrying until killed.
    await rig.control.fault({ method: "POST", path: "/v1/projects/*/media", action: { type: "reset", when: "after" }, times: 1000 });
    const first = await freshHost();
    const crashInputs = await checked({ file: "assets/crash.png" }, first);
    const before = (await assets()).length;
    const pending = first.create(URN, crashInputs).then(() => assert.fail("create finished despite the lost responses"), (e: HostCallError) => e);
    for (let i = 0; (await assets()).length === before; i++) {
      assert.ok(i < 500, "the upload never reached the emulator");
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.kill();
    assert.equal((await pending).code, 14, "the call died with the host");
    await rig.control.clearFaults();
    const orphan = (await assets()).slice(before);
    assert.equal(orphan.length, 1, "the killed run uploaded exactly one asset");

    const second = await freshHost();
    const rerun = await second.create(URN, crashInputs);
    assert.equal(rerun.id, orphan[0].assetId, "the re-run adopted the asset the killed run uploaded");
    assert.equal((await assets()).length, before + 1, "no second asset");
    assert.match(second.stderr(), new RegExp(`adopting media asset ${rerun.id}`));
  });
});
