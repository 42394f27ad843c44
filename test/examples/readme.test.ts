// The README is the newcomer's path: its commands must exist and its links must resolve.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./support/mock-program";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

/** GitHub's heading anchors: lower-case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
}

describe("README.md", () => {
  it("gives the two main commands", () => {
    assert.ok(readme.includes("npm start"));
    assert.ok(readme.includes("npm test"));
  });

  it("every `npm run <script>` it mentions is a script in package.json", () => {
    const mentioned = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    assert.ok(mentioned.length >= 5);
    for (const name of mentioned) assert.ok(scripts.includes(name), `npm run ${name} is not in package.json`);
  });

  it("every relative link points at a file or directory of the repository", () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
    assert.ok(links.length >= 4);
    for (const link of links) assert.ok(fs.existsSync(path.join(REPO_ROOT, link)), `broken link ${link}`);
  });

  it("every in-page link (#anchor) matches a heading", () => {
    const anchors = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => anchor(m[1])));
    for (const [, target] of readme.matchAll(/\]\(#([^)]+)\)/g)) assert.ok(anchors.has(target), `no heading for #${target}`);
  });

  it("documents every provider setting with its environment variable", () => {
    for (const key of ["layers:apiKey", "LAYERS_API_KEY", "layers:baseUrl", "LAYERS_BASE_URL", "layers:jobTimeoutSeconds", "LAYERS_JOB_TIMEOUT_SECONDS"]) {
      assert.ok(readme.includes(key), key);
    }
  });

  it("explains every dependency in package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    for (const dep of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) {
      assert.ok(readme.includes(`\`${dep}`), `README does not explain ${dep}`);
    }
  });
});
