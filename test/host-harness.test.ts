// Tests of the host harness itself, with a toy dynamic resource: capture under setMocks, then
// the real @pulumi/pulumi dynamic provider host over gRPC, as the engine drives it.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
    captureProviderText, dynamicType, engineInputs, liveHostCount, makeUrn, startProviderHost,
    unknownValue, wireSecret, type CapturedResource, type HostCallError, type ProviderHost, type Props,
} from "./support/host";
import { spawnHost } from "./support/host/process";
import { PlainToyResource, ToyResource } from "./fixtures/toy-provider";

const repoRoot = path.resolve(__dirname, "..");
const toyType = dynamicType("toy", "Toy");

describe("host harness (toy provider in the real dynamic provider host)", function () {
    this.timeout(60_000);
    const started: ProviderHost[] = [];
    let dir: string;
    let toy: CapturedResource;

    async function start(config: Record<string, string> = { "toy:value": "v1" }, callTimeoutMs?: number) {
        const host = await startProviderHost({ cwd: repoRoot, callTimeoutMs });
        started.push(host);
        await host.configure(config);
        return host;
    }
    const urn = (name: string) => makeUrn(name, "dev", "layers-test", toyType);

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "host-harness-"));
        [toy] = await captureProviderText(() => {
            new ToyResource("a", { label: "one", dir, secretNote: pulumi.secret("n0te-s3cret") });
        });
    });

    after(async () => {
        await Promise.all(started.map((h) => h.kill()));
        fs.rmSync(dir, { recursive: true, force: true });
    });

    describe("captureProviderText", () => {
        it("records each dynamic resource with its type, urn and serialized provider", async () => {
            const caps = await captureProviderText(() => {
                new ToyResource("t1", { label: "x" });
                new PlainToyResource("p1", { label: "y" });
            });
            assert.deepEqual(caps.map((c) => [c.type, c.urn]), [
                [toyType, urn("t1")],
                ["pulumi-nodejs:dynamic:Resource", makeUrn("p1")],
            ]);
            assert.match(caps[0].providerText, /^exports\.handler = /);
            assert.equal(caps[0].providerText, caps[1].providerText, "same provider object, same text");
            assert.equal(caps[0].inputs.__provider, undefined);
            assert.equal(caps[0].providerIsSecret, false);
        });

        it("keeps secrets in wire form, as the engine receives them", () => {
            assert.deepEqual(toy.inputs.secretNote, wireSecret("n0te-s3cret"));
            assert.equal(toy.inputs.label, "one");
        });

        it("records an input from an unknown output as the unknown sentinel in preview", async () => {
            const caps = await captureProviderText(() => {
                const a = new ToyResource("a", { label: "one" });
                new ToyResource("b", { label: a.id });
            }, { preview: true });
            assert.equal(caps.find((c) => c.name === "b")?.inputs.label, unknownValue);
        });
    });

    describe("lifecycle calls", () => {
        let host: ProviderHost;
        let checked: Props;
        let created: { id: string; properties: Props };
        before(async () => {
            host = await start({ "toy:value": "v1", "layers:apiKey": "k-123" });
        });

        it("check sends news with __provider, strips secrets, and returns inputs", async () => {
            const res = await host.check(urn("a"), {}, engineInputs(toy));
            assert.deepEqual(res.failures, []);
            assert.equal(res.inputs.checked, true);
            assert.equal(res.inputs.secretNote, "n0te-s3cret", "host does not accept secrets: sent plain");
            assert.equal(res.inputs.__provider, toy.providerText, "host puts __provider back into inputs");
            checked = res.inputs;
        });

        it("check returns failures and passes preview unknowns through", async () => {
            const res = await host.check(urn("a"), { label: "one" }, { ...engineInputs(toy), label: unknownValue, bad: true });
            assert.deepEqual(res.failures, [{ property: "bad", reason: "bad was requested" }]);
            assert.equal(res.inputs.label, unknownValue);
            assert.equal(res.inputs.oldLabel, "one", "olds are the previous inputs");
        });

        it("create runs configure once with the stack config and returns id and outputs", async () => {
            created = await host.create(urn("a"), checked);
            assert.match(created.id, /^toy-\d+$/);
            assert.equal(created.properties.configValue, "v1");
            assert.equal(created.properties.configured, 1);
            assert.equal(created.properties.__provider, toy.providerText);
            assert.ok(fs.existsSync(path.join(dir, `created-${created.id}`)));
        });

        it("diff reports none, some and replace; the host drops stables", async () => {
            const same = await host.diff(created.id, urn("a"), created.properties, checked);
            assert.equal(same.changes, "DIFF_NONE");
            assert.deepEqual(same.stables, [], "dynamic host never sends stables");
            const some = await host.diff(created.id, urn("a"), created.properties, { ...checked, label: "two" });
            assert.deepEqual([some.changes, some.replaces, some.deleteBeforeReplace], ["DIFF_SOME", [], false]);
            const repl = await host.diff(created.id, urn("a"), created.properties, { ...checked, label: "two", replaceOnChange: true });
            assert.deepEqual([repl.changes, repl.replaces, repl.deleteBeforeReplace], ["DIFF_SOME", ["label"], true]);
        });

        it("update returns the new outputs with __provider", async () => {
            const res = await host.update(created.id, urn("a"), created.properties, { ...checked, label: "two" }, checked);
            assert.equal(res.properties.updated, true);
            assert.equal(res.properties.label, "two");
            assert.equal(res.properties.__provider, toy.providerText);
        });

        it("read on refresh returns outputs and replacement inputs", async () => {
            const res = await host.read(created.id, urn("a"), created.properties, checked);
            assert.equal(res.id, created.id);
            assert.equal(res.properties.refreshed, true);
            assert.deepEqual(Object.keys(res.inputs).sort(), ["__provider", "label"]);
        });

        it("read for .get() works from inputs alone", async () => {
            const res = await host.read("toy-77", urn("g"), undefined, engineInputs(toy));
            assert.equal(res.id, "toy-77");
        });

        it("read returning no id comes back as an empty id (resource gone)", async () => {
            const res = await host.read(created.id, urn("a"), { ...created.properties, gone: true });
            assert.equal(res.id, "");
        });

        it("read for import (id only) fails in the real host: no __provider to load", async () => {
            await assert.rejects(host.read("toy-1", urn("imp")), /code must be a string/);
        });

        it("delete calls the provider with the stored outputs", async () => {
            await host.delete(created.id, urn("a"), created.properties, checked);
            assert.ok(fs.existsSync(path.join(dir, `deleted-${created.id}`)));
        });

        it("create in preview does not reach the host, like the engine", async () => {
            const before = fs.readdirSync(dir).length;
            const res = await host.create(urn("p"), { ...checked, label: unknownValue }, { preview: true });
            assert.deepEqual([res.id, res.properties.label], ["", unknownValue]);
            assert.equal(fs.readdirSync(dir).length, before);
        });

        it("host output is captured and holds no config secret", () => {
            assert.match(host.stderr(), /code must be a string/, "the host logs failed reads");
            assert.ok(!host.stderr().includes("k-123"));
        });
    });

    describe("errors", () => {
        let host: ProviderHost;
        before(async () => {
            host = await start();
        });

        it("an init failure surfaces initFailed with id, properties and reasons", async () => {
            const err = (await host.create(urn("f"), { ...engineInputs(toy), failInit: true }).then(
                () => assert.fail("create should fail"), (e: HostCallError) => e)) as HostCallError;
            assert.equal(err.initFailed, true);
            assert.match(err.id ?? "", /^toy-\d+$/);
            assert.deepEqual(err.properties, { label: "one", state: "failed" }, "no __provider added by the host");
            assert.deepEqual(err.reasons, ["job failed", "see logs"]);
            assert.equal(err.code, 2);
            assert.match(err.message, /toy init failed on purpose/);
        });

        it("a plain create error keeps its message and carries no init failure", async () => {
            const err = (await host.create(urn("f"), { ...engineInputs(toy), failPlain: true }).then(
                () => assert.fail("create should fail"), (e: HostCallError) => e)) as HostCallError;
            assert.equal(err.initFailed, undefined);
            assert.equal(err.details, "toy create failed on purpose");
        });

        it("an output set to undefined fails create after the provider created it (orphan)", async () => {
            const orphanDir = fs.mkdtempSync(path.join(os.tmpdir(), "host-orphan-"));
            try {
                const err = (await host.create(urn("u"), { ...engineInputs(toy), dir: orphanDir, undefinedOut: true }).then(
                    () => assert.fail("create should fail"), (e: HostCallError) => e)) as HostCallError;
                assert.match(err.message, /Unexpected struct type/);
                assert.equal(err.initFailed, undefined, "plain error: the engine records nothing");
                assert.ok(fs.readdirSync(orphanDir).some((f) => f.startsWith("created-")), "yet it was created");
            } finally {
                fs.rmSync(orphanDir, { recursive: true, force: true });
            }
        });

        it("calls time out with DEADLINE_EXCEEDED", async () => {
            const slow = await start({}, 300);
            const err = await slow.create(urn("s"), { ...engineInputs(toy), sleepMs: 5_000 }).catch((e: HostCallError) => e);
            assert.equal((err as HostCallError).code, 4);
        });

        it("refuses resource calls before configure, as the engine never makes them", async () => {
            const raw = await startProviderHost({ cwd: repoRoot });
            started.push(raw);
            await assert.rejects(raw.create(urn("x"), engineInputs(toy)), /before configure/);
        });
    });

    describe("configure traps", () => {
        it("an exception in configure fails the first call only; later calls run unconfigured", async () => {
            const host = await start({ "toy:failConfigure": "1", "toy:value": "v1" });
            await assert.rejects(host.create(urn("c1"), engineInputs(toy)), /toy configure failed on purpose/);
            const second = await host.create(urn("c2"), engineInputs(toy));
            assert.equal(second.properties.configValue, null);
            assert.equal(second.properties.configured, 0);
        });

        it("concurrent calls do not wait for an async configure", async () => {
            const host = await start({ "toy:configureDelayMs": "2000", "toy:value": "v1" });
            const [a, b] = await Promise.all([
                host.create(urn("d1"), engineInputs(toy)),
                host.create(urn("d2"), engineInputs(toy)),
            ]);
            assert.deepEqual([a.properties.configValue, b.properties.configValue].sort(), ["v1", null].sort());
        });

        it("configure runs once per provider text; secret config arrives unwrapped", async () => {
            const host = await startProviderHost({ cwd: repoRoot });
            started.push(host);
            await host.configure({ "toy:value": "s3cret-v" }, { secretKeys: ["toy:value"] });
            const other = `${toy.providerText}\n// another version of the package\n`;
            const r1 = await host.create(urn("e1"), engineInputs(toy));
            const r2 = await host.create(urn("e2"), engineInputs(toy));
            const r3 = await host.create(urn("e3"), { ...engineInputs(toy), __provider: other });
            assert.equal(r1.properties.configValue, "s3cret-v");
            assert.deepEqual([r1.id, r2.id, r3.id], ["toy-1", "toy-2", "toy-1"], "one instance per text");
            assert.deepEqual([r2.properties.configured, r3.properties.configured], [1, 1]);
        });
    });

    describe("crash", () => {
        it("kill() mid-create stops the host before the provider finishes", async () => {
            const crashDir = fs.mkdtempSync(path.join(os.tmpdir(), "host-crash-"));
            try {
                const host = await start();
                const pending = host.create(urn("k"), { ...engineInputs(toy), dir: crashDir, sleepMs: 20_000 });
                const failed = pending.catch((e: HostCallError) => e);
                await waitFor(() => fs.existsSync(path.join(crashDir, "create-started")));
                await host.kill();
                const err = (await failed) as HostCallError;
                assert.ok(err instanceof Error, "the pending create rejects");
                assert.equal(err.code, 14, "UNAVAILABLE");
                assert.throws(() => process.kill(host.pid, 0), /ESRCH/);
                assert.deepEqual(fs.readdirSync(crashDir), ["create-started"], "create never completed");

                const again = await start();
                const res = await again.create(urn("k"), { ...engineInputs(toy), dir: crashDir });
                assert.ok(fs.existsSync(path.join(crashDir, `created-${res.id}`)));
            } finally {
                fs.rmSync(crashDir, { recursive: true, force: true });
            }
        });

        it("a host exits by itself when the test runner's pipe closes (runner killed)", async () => {
            const proc = await spawnHost({ cwd: repoRoot });
            proc.child.stdin!.end(); // what the OS does when the runner dies
            const { code } = await proc.exited;
            assert.equal(code, 0);
        });

        it("close() and kill() leave no host process behind", async () => {
            await Promise.all(started.map((h) => h.close()));
            assert.equal(liveHostCount(), 0);
            for (const h of started) assert.throws(() => process.kill(h.pid, 0), /ESRCH/);
        });
    });
});

async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
        if (Date.now() > end) throw new Error("condition not met in time");
        await new Promise((r) => setTimeout(r, 25));
    }
}
