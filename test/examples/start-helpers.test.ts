import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findOnPath, missingCliMessage, redactArgs } from "../../scripts/pulumi-cli";
import { DEFAULT_PASSPHRASE, localPaths, pulumiEnv } from "../../scripts/local-stack";
import { formatPersonas } from "../../scripts/personas-table";

describe("npm start helpers", () => {
  describe("findOnPath", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-path-"));
      fs.mkdirSync(path.join(dir, "a"));
      fs.mkdirSync(path.join(dir, "b"));
      fs.mkdirSync(path.join(dir, "a", "pulumi-dir-not-file"));
      fs.writeFileSync(path.join(dir, "a", "pulumi"), "not executable", { mode: 0o644 });
      fs.writeFileSync(path.join(dir, "b", "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("returns the first executable file of that name on PATH, skipping non-executables", function () {
      if (process.platform === "win32") {
        console.log("    skipped: this test relies on POSIX executable bits; not on Windows");
        this.skip();
      }
      const PATH = [path.join(dir, "a"), path.join(dir, "b")].join(path.delimiter);
      assert.strictEqual(findOnPath("pulumi", { PATH }), path.join(dir, "b", "pulumi"));
    });

    it("returns undefined when no PATH entry has it (and for directories of that name)", () => {
      assert.strictEqual(findOnPath("pulumi", { PATH: path.join(dir, "a") }), undefined);
      assert.strictEqual(findOnPath("pulumi-dir-not-file", { PATH: path.join(dir, "a") }), undefined);
      assert.strictEqual(findOnPath("pulumi", {}), undefined);
    });
  });

  it("the missing-CLI message is one line with the install command and page", () => {
    const msg = missingCliMessage();
    assert.ok(!msg.includes("\n"));
    assert.ok(msg.includes("curl -fsSL https://get.pulumi.com | sh"));
    assert.ok(msg.includes("https://www.pulumi.com/docs/install/"));
  });

  it("redactArgs hides the value of `config set --secret` and nothing else", () => {
    assert.deepStrictEqual(redactArgs(["config", "set", "--secret", "layers:apiKey", "lyr_live_x", "--stack", "dev"]), [
      "config", "set", "--secret", "layers:apiKey", "[secret]", "--stack", "dev",
    ]);
    const plain = ["config", "set", "layers:baseUrl", "http://127.0.0.1:1", "--stack", "dev"];
    assert.deepStrictEqual(redactArgs(plain), plain);
  });

  describe("pulumiEnv", () => {
    const paths = localPaths("/repo");
    it("points pulumi at the local file backend under .layers/ and defaults the passphrase", () => {
      const env = pulumiEnv(paths, { PATH: "/bin", PULUMI_BACKEND_URL: "https://api.pulumi.com" });
      assert.strictEqual(env.PULUMI_BACKEND_URL, "file:///repo/.layers/state");
      assert.strictEqual(env.PULUMI_CONFIG_PASSPHRASE, DEFAULT_PASSPHRASE);
      assert.strictEqual(env.PATH, "/bin");
      assert.strictEqual(paths.dataFile, "/repo/.layers/emulator.json");
      assert.strictEqual(paths.stacksDir, "/repo/.layers/stacks");
    });
    it("keeps a passphrase (or passphrase file) the user chose", () => {
      assert.strictEqual(pulumiEnv(paths, { PULUMI_CONFIG_PASSPHRASE: "mine" }).PULUMI_CONFIG_PASSPHRASE, "mine");
      const withFile = pulumiEnv(paths, { PULUMI_CONFIG_PASSPHRASE_FILE: "/p" });
      assert.strictEqual(withFile.PULUMI_CONFIG_PASSPHRASE, undefined);
      assert.strictEqual(withFile.PULUMI_CONFIG_PASSPHRASE_FILE, "/p");
    });
  });

  describe("formatPersonas", () => {
    it("prints a header and one aligned row per persona", () => {
      const lines = formatPersonas({
        personas: [
          { influencerId: "inf_A", name: "Ava Chen", status: "ready", thumbnailUrl: "http://x/a.png" },
          { influencerId: "inf_BB", name: "Marcus Reid", status: "training", thumbnailUrl: null },
        ],
      });
      assert.strictEqual(lines.length, 3);
      assert.match(lines[0], /^ID\s+NAME\s+STATUS\s+THUMBNAIL$/);
      assert.match(lines[1], /^inf_A\s+Ava Chen\s+ready\s+http:\/\/x\/a\.png$/);
      assert.match(lines[2], /^inf_BB\s+Marcus Reid\s+training\s+-$/);
      // columns line up: NAME starts at the same offset on every line
      const col = lines.map((l, i) => l.indexOf(i === 0 ? "NAME" : i === 1 ? "Ava" : "Marcus"));
      assert.strictEqual(new Set(col).size, 1);
    });
    it("explains when the stack has no personas output", () => {
      assert.match(formatPersonas({})[0], /no `personas` output/);
    });
  });
});
