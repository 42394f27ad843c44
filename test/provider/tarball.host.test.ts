// The package as a user gets it: `npm pack`, installed into a scratch program directory,
// its `__provider` text run by that directory's own dynamic provider host.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { captureProviderText, startProviderHost, type ProviderHost } from "../support/host";
import { scratchProgram } from "../support/packed";
import { REPO_ROOT, influencerInputs, urn } from "./package";

describe("the package installed from its tarball", function () {
  this.timeout(180_000);
  let scratch: string;
  let emulator: RunningEmulator;
  let host: ProviderHost | undefined;

  before(() => {
    scratch = scratchProgram("pack");
  });

  after(async () => {
    await host?.close().catch(() => undefined);
    await emulator?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("the build leaves every bin executable, in the repository and in the package", () => {
    // npm marks bins executable only when it installs them; a rebuild (npm test, npm pack)
    // writes fresh files, and the examples run node_modules/.bin/layers-drift directly.
    const bins = Object.values((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> }).bin);
    assert.ok(bins.length >= 3);
    for (const root of [REPO_ROOT, path.join(scratch, "node_modules", "pulumi-layers")]) {
      for (const bin of bins) assert.ok(fs.statSync(path.join(root, bin)).mode & 0o100, `${bin} executable in ${root}`);
    }
  });

  it("ships the built provider, emulator and types, and no sources or tests", () => {
    const root = path.join(scratch, "node_modules", "pulumi-layers");
    for (const file of ["dist/index.js", "dist/index.d.ts", "dist/provider/runtime.js", "dist/provider/media/runtime.js", "dist/emulator/bin.js"]) {
      assert.ok(fs.existsSync(path.join(root, file)), file);
    }
    for (const absent of ["provider", "test", "emulator", "tsconfig.json"]) assert.ok(!fs.existsSync(path.join(root, absent)), absent);
  });

  it("serializes the same provider text as the repository, so either can run the other's state", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installed = require(require.resolve("pulumi-layers", { paths: [scratch] }));
    const [fromTarball] = await captureProviderText(() => {
      new installed.Influencer("ava", { projectId: "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39", name: "Ava" });
    });
    const fromRepo = await influencerInputs("ava", { projectId: "254a4ce1-f4ca-42b1-9e36-17ca45ef3d39", name: "Ava" });
    assert.equal(fromTarball.providerText, fromRepo.providerText);
    assert.ok(!fromTarball.providerText.includes(scratch));
  });

  it("creates, reads and deletes a persona from the scratch directory's own provider host", async () => {
    emulator = await startEmulator({ port: 0, jobMs: 50 });
    host = await startProviderHost({ cwd: scratch, env: { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" } });
    await host.configure({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": emulator.url });
    const { inputs } = await influencerInputs("ava", { projectId: emulator.projectId, name: "Ava", style: "street" });
    const created = await host.create(urn("ava"), inputs);
    assert.equal(created.properties.status, "ready");
    assert.equal(created.properties.style, "street");
    const read = await host.read(created.id, urn("ava"), created.properties, inputs);
    assert.equal(read.properties.name, "Ava");
    await host.delete(created.id, urn("ava"), created.properties);
    assert.equal((await host.read(created.id, urn("ava"), created.properties, inputs)).id, "");
  });

  it("a fix in a newer package reaches state written by the older one (the stored text holds no logic)", async () => {
    const { inputs } = await influencerInputs("bob", { projectId: emulator.projectId, name: "Bob" });
    const created = await host!.create(urn("bob"), inputs); // state as the "old" version wrote it
    await host!.close();
    // "Upgrade" the installed package: a newer runtime whose read marks its outputs.
    const runtime = path.join(scratch, "node_modules", "pulumi-layers", "dist", "provider", "runtime.js");
    fs.renameSync(runtime, runtime.replace(/\.js$/, ".old.js"));
    fs.writeFileSync(runtime, `const old = require("./runtime.old.js");
module.exports = { ...old, read: async (id, props) => { const r = await old.read(id, props); return { ...r, props: { ...r.props, fixedIn: "0.2.0" } }; } };`);
    host = await startProviderHost({ cwd: scratch, env: { ...process.env, LAYERS_API_KEY: "", LAYERS_BASE_URL: "" } });
    await host.configure({ "layers:apiKey": emulator.apiKey, "layers:baseUrl": emulator.url });
    const read = await host.read(created.id, urn("bob"), created.properties, inputs);
    assert.equal(read.properties.fixedIn, "0.2.0");
    await host.delete(created.id, urn("bob"), created.properties);
  });
});
