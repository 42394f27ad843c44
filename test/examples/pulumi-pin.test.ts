// The pinned Pulumi toolchain names one release everywhere: the CLI's Go module, the
// @pulumi/pulumi SDK the package depends on, and the language host's module.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { LANGUAGE_HOST_SDK_VERSION, PULUMI_VERSION } from "../../scripts/pulumi-toolchain";
import { REPO_ROOT } from "./support/mock-program";

const goMod = (dir: string) => fs.readFileSync(path.join(REPO_ROOT, "scripts", "pulumi-build", dir, "go.mod"), "utf8");

describe("the pinned Pulumi release", () => {
  it("the CLI's module builds pkg/v3 at PULUMI_VERSION", () => {
    assert.match(goMod("cli"), new RegExp(`^(require )?\\s*github\\.com/pulumi/pulumi/pkg/v3 v${PULUMI_VERSION.replace(/\./g, "\\.")}$`, "m"));
  });

  it("the SDK installed here is the same release as the CLI", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installed = (require("@pulumi/pulumi/package.json") as { version: string }).version;
    assert.strictEqual(installed, PULUMI_VERSION);
  });

  it("the language host's module builds sdk/v3 at LANGUAGE_HOST_SDK_VERSION, with a go.sum", () => {
    assert.match(goMod("langhost"), new RegExp(`^require github\\.com/pulumi/pulumi/sdk/v3 v${LANGUAGE_HOST_SDK_VERSION.replace(/\./g, "\\.")}$`, "m"));
    for (const dir of ["cli", "langhost"]) {
      assert.ok(fs.statSync(path.join(REPO_ROOT, "scripts", "pulumi-build", dir, "go.sum")).size > 0, `${dir}/go.sum pins every module`);
    }
  });
});
