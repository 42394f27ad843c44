// The README is the newcomer's path and docs/ the reference: every command they name must
// exist, and every link and anchor must resolve.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { anchors, docPages, links, readDoc, REPO_ROOT } from "../docs/markdown";

const readme = readDoc("README.md").text;
// The changelog's commands, links and anchors are checked like the docs'.
const pages = [...docPages(), "CHANGELOG.md"].map(readDoc);
const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

describe("README.md", () => {
  it("gives the two main commands", () => {
    assert.ok(readme.includes("npm start"));
    assert.ok(readme.includes("npm test"));
  });

  it("links every page of docs/", () => {
    const linked = new Set(links(readme).map((l) => path.normalize(l.path)));
    for (const page of pages.filter((p) => p.file.startsWith("docs/"))) assert.ok(linked.has(page.file), `README does not link ${page.file}`);
  });

  it("documents every provider setting with its environment variable", () => {
    for (const key of ["layers:apiKey", "LAYERS_API_KEY", "layers:baseUrl", "LAYERS_BASE_URL", "layers:jobTimeoutSeconds", "LAYERS_JOB_TIMEOUT_SECONDS"]) {
      assert.ok(readme.includes(key), key);
    }
  });

  it("explains every dependency in package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    for (const dep of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.devDependencies)]) {
      assert.ok(readme.includes(`\`${dep}`), `README does not explain ${dep}`);
    }
  });
});

describe("the release: version, changelog, license", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string; license: string; keywords?: string[] };

  it("CHANGELOG.md has a section for package.json's version, saying what an upgrading user does", () => {
    const changelog = readDoc("CHANGELOG.md").text;
    const sections = changelog.split(/^## /m).slice(1);
    const current = sections.find((s) => s.startsWith(`${pkg.version}\n`));
    assert.ok(current, `no "## ${pkg.version}" in CHANGELOG.md`);
    assert.strictEqual(sections[0], current, "the newest release comes first");
    assert.match(current, /^### Upgrading from \d+\.\d+\.\d+\n\n1\. /m);
  });

  it("every tarball name in the README and docs/ is this version's", () => {
    const named = pages.flatMap((p) => [...p.text.matchAll(/pulumi-layers-(\d+\.\d+\.\d+)\.tgz/g)].map((m) => `${p.file}: ${m[1]}`));
    assert.ok(named.length >= 2, named.join(", "));
    for (const n of named) assert.ok(n.endsWith(`: ${pkg.version}`), n);
  });

  it("LICENSE holds the full text of the license package.json names, and the README says so", () => {
    assert.strictEqual(pkg.license, "Apache-2.0");
    const license = fs.readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8");
    assert.match(license, /^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
    for (let section = 1; section <= 9; section++) assert.match(license, new RegExp(`\\n\\s*${section}\\. [A-Z]`), `section ${section}`);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
    assert.match(readme, /## License\n\nApache-2\.0 \(\[LICENSE\]\(LICENSE\)\)/);
  });

  it("package.json has keywords, and the README a semver policy", () => {
    assert.ok((pkg.keywords ?? []).includes("pulumi"), "keywords");
    assert.match(readme, /## Versions\n\n`pulumi-layers` follows \[semantic versioning\]/);
  });
});

describe("README.md, docs/ and the examples' READMEs", () => {
  it("every `npm run <script>` they mention is a script in package.json", () => {
    const mentioned = pages.flatMap((p) => [...p.text.matchAll(/npm run (?:-\w+ )*(\w[\w:-]*)/g)].map((m) => ({ file: p.file, name: m[1] })));
    assert.ok(mentioned.length >= 5);
    for (const { file, name } of mentioned) assert.ok(scripts.includes(name), `${file}: npm run ${name} is not in package.json`);
  });

  it("every relative link points at a file or directory of the repository", () => {
    let count = 0;
    for (const page of pages) {
      for (const link of links(page.text).filter((l) => l.path !== "" && !/^[a-z]+:/.test(l.path))) {
        count += 1;
        assert.ok(fs.existsSync(path.join(REPO_ROOT, path.dirname(page.file), link.path)), `${page.file}: broken link ${link.target}`);
      }
    }
    assert.ok(count >= 10);
  });

  it("every #anchor, in the page or in a linked page, matches a heading", () => {
    let count = 0;
    for (const page of pages) {
      for (const link of links(page.text).filter((l) => l.anchor !== "" && !/^[a-z]+:/.test(l.path))) {
        const target = link.path === "" ? page.file : path.join(path.dirname(page.file), link.path);
        if (!target.endsWith(".md")) continue;
        count += 1;
        assert.ok(anchors(readDoc(target).text).has(link.anchor), `${page.file}: no heading for ${link.target}`);
      }
    }
    assert.ok(count >= 5);
  });
});
