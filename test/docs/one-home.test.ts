// One home per fact (issue 12): the README points into docs/ and the examples' READMEs, it
// does not copy them. A copied paragraph, list item or table row fails here, named with
// both files, so copies cannot creep back and drift apart.
import * as assert from "assert";
import { copiesBetween, describeCopies, docPages, normalise, readDoc, units, MIN_COPY_CHARS } from "./markdown";

const readme = readDoc("README.md");
const others = docPages()
  .filter((f) => f !== "README.md")
  .map(readDoc);

describe("docs: one home per fact", () => {
  it("finds the pages to compare (docs/ and every example's README)", () => {
    const files = others.map((d) => d.file);
    for (const f of ["docs/resource.md", "docs/emulator.md", "docs/reliability.md", "docs/performance.md", "docs/testing.md", "examples/quickstart/README.md"]) {
      assert.ok(files.includes(f), `${f} is not compared`);
    }
    assert.ok(units(readme.text).filter((u) => normalise(u).length >= MIN_COPY_CHARS).length >= 20, "the README has prose to compare");
  });

  it("no paragraph, list item or table row of README.md appears again in docs/ or an example's README, nor the reverse", () => {
    const copies = copiesBetween(readme, others);
    assert.deepStrictEqual(copies, [], `keep each fact in one place; link to it from the other:\n${describeCopies(copies)}`);
  });

  it("no page of docs/ or example's README repeats another's paragraph, list item or table row", () => {
    const copies = others.flatMap((page, i) => copiesBetween(page, others.slice(i + 1)));
    assert.deepStrictEqual(copies, [], `keep each fact in one place; link to it from the other:\n${describeCopies(copies)}`);
  });

  describe("the check itself", () => {
    // A real README paragraph, so the proof uses the same kind of text the check guards.
    const paragraph = units(readme.text).find((u) => !u.startsWith("|") && normalise(u).length >= 120);

    it("catches a README paragraph copied into a docs page, reflowed, with its links retargeted", () => {
      assert.ok(paragraph, "the README has a paragraph of 120 characters or more");
      const reflowed = paragraph
        .split(" ")
        .map((w, i) => (i % 7 === 6 ? `${w}\n` : w))
        .join(" ")
        .replace(/\]\(docs\//g, "](");
      const page = { file: "docs/synthetic.md", text: `# Synthetic\n\nIntro.\n\n${reflowed}\n\nMore.\n` };
      const copies = copiesBetween(readme, [page]);
      assert.ok(copies.some((c) => c.file === "README.md" && c.alsoIn === "docs/synthetic.md" && c.unit === paragraph), "a copied paragraph must be reported");
      assert.ok(copies.every((c) => [c.file, c.alsoIn].sort().join() === "README.md,docs/synthetic.md"), describeCopies(copies));
      assert.match(describeCopies(copies), /README\.md and docs\/synthetic\.md both say/);
    });

    it("catches a docs list item or table row pasted into the README, also inside a longer paragraph", () => {
      const page = {
        file: "docs/synthetic.md",
        text: "- **Retries are bounded**: a fault outlasting six retries or sixty seconds fails the operation.\n\n| flag | meaning |\n| --- | --- |\n| `--job-ms MS` | how long a create or clone job takes before it turns ready |\n",
      };
      const fakeReadme = {
        file: "README.md",
        text: "# x\n\nAs docs say, retries are bounded: a fault outlasting six retries or sixty seconds fails the operation. Run it again.\n\n| `--job-ms MS` | how long a create or clone job takes before it turns ready |\n",
      };
      const copies = copiesBetween(fakeReadme, [page]);
      assert.deepStrictEqual(
        copies.map((c) => [c.file, c.alsoIn]),
        [
          ["README.md", "docs/synthetic.md"],
          ["docs/synthetic.md", "README.md"],
          ["docs/synthetic.md", "README.md"],
        ],
      );
    });

    it("ignores code blocks, headings and short phrases", () => {
      const text = "# Run the emulator and its whole control API on a free port of the loopback\n\n    npm run emulator -- --port 4010 --data .layers/emulator.json --job-ms 1500\n\n```\nnpm run bench   # everything, about five and a half minutes of wall time\n```\n\n| `x` | update (PATCH) |\n";
      assert.deepStrictEqual(copiesBetween({ file: "README.md", text }, [{ file: "docs/synthetic.md", text }]), []);
    });
  });
});
