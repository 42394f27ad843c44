// docs/performance.md's real-engine and burst figures are bench/results.json's, as
// `npm run bench` rendered them: a hand edit of either side fails here.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { figuresBlock, START, END } from "../../bench/provider/docs-figures";
import type { BenchResults } from "../../bench/provider/report";

const ROOT = path.resolve(__dirname, "..", "..");

describe("docs/performance.md figures", () => {
  const results = JSON.parse(fs.readFileSync(path.join(ROOT, "bench", "results.json"), "utf8")) as BenchResults;
  const page = fs.readFileSync(path.join(ROOT, "docs", "performance.md"), "utf8");

  it("the generated block is exactly what bench/results.json renders to", () => {
    const block = page.slice(page.indexOf(START), page.indexOf(END) + END.length);
    assert.ok(block.startsWith(START), "the page has the markers");
    assert.strictEqual(block, figuresBlock(results));
  });

  it("each section says when and on what machine it ran", () => {
    assert.ok((results.engine ?? []).length > 0 && results.burst, "results.json holds the engine and burst runs");
    for (const name of ["burst", "engine", "engine-big"]) {
      const info = results.sections?.[name];
      assert.ok(info && /^\d{4}-\d\d-\d\dT/.test(info.at) && info.machine.nproc > 0, `${name}: run time and machine`);
    }
  });

  it("the check itself notices a changed figure", () => {
    const tampered = JSON.parse(JSON.stringify(results)) as BenchResults;
    tampered.engine[0].phases[0].wallMs += 1000;
    assert.notStrictEqual(figuresBlock(tampered), figuresBlock(results));
  });
});

describe("docs/performance.md emulator throughput", () => {
  it("each row is bench/emulator-results.json's, as measured", () => {
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, "bench", "emulator-results.json"), "utf8")) as {
      date: string;
      rows: Array<{ scenario: string; requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number }>;
    };
    const page = fs.readFileSync(path.join(ROOT, "docs", "performance.md"), "utf8");
    assert.ok(page.includes(file.date.slice(0, 16)), "the page gives the run's date and time");
    for (const r of file.rows) {
      assert.ok(page.includes(`| ${r.scenario} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} |`), `row for ${r.scenario}`);
    }
  });
});
