// Resource names and variables of generated declarations: readable, valid, unique, stable.
import { strict as assert } from "node:assert";
import { assignNames, slug, variableFor, type Nameable } from "../../../cli/import/names";

const id = (n: number, tail = "") => `inf_01J0000000000000000${String(n).padStart(5, "0")}`.slice(0, 30 - tail.length) + tail;
const persona = (n: number, name: string | null, tail = ""): Nameable => ({
  influencerId: id(n, tail),
  name,
  createdAt: `2026-01-01T00:00:${String(n).padStart(2, "0")}.000Z`,
});

describe("layers-import names", () => {
  it("slugs names into readable Pulumi names", () => {
    assert.equal(slug("Ava Chen"), "ava-chen");
    assert.equal(slug("ava!"), "ava");
    assert.equal(slug("Zoë \"Z\" O'Neil"), "zoe-z-o-neil");
    assert.equal(slug("  --Ünïcödé--  "), "unicode");
    assert.equal(slug("李娜"), "persona");
    assert.equal(slug(null), "persona");
    assert.equal(slug("x".repeat(200)).length, 40);
    assert.equal(slug(`${"a".repeat(39)} b`), "a".repeat(39), "no trailing hyphen after truncation");
  });

  it("turns names into identifiers TypeScript accepts", () => {
    assert.equal(variableFor("ava-chen"), "avaChen");
    assert.equal(variableFor("123-start"), "persona123Start");
    for (const word of ["class", "delete", "new", "require", "exports", "undefined", "layers", "projectId", "await"]) {
      assert.equal(variableFor(word), `${word}Persona`);
    }
  });

  it("keeps the plain name for the oldest of a clash, suffixes the others with their id, whatever order they come in", () => {
    const ps = [persona(1, "Ava", "AAAAAA"), persona(2, "Ava", "BBBBBB"), persona(3, "ava!", "CCCCCC"), persona(4, "123 Start"), persona(5, "class")];
    const names = assignNames([...ps].reverse());
    assert.deepEqual(names.get(ps[0].influencerId), { resourceName: "ava", variable: "ava" });
    assert.deepEqual(names.get(ps[1].influencerId), { resourceName: "ava-bbbbbb", variable: "avaBbbbbb" });
    assert.deepEqual(names.get(ps[2].influencerId), { resourceName: "ava-cccccc", variable: "avaCccccc" });
    assert.deepEqual(names.get(ps[3].influencerId), { resourceName: "123-start", variable: "persona123Start" });
    assert.deepEqual(names.get(ps[4].influencerId), { resourceName: "class", variable: "classPersona" });
  });

  it("a persona made later never renames one named before it", () => {
    const ps = [persona(1, "Ava", "AAAAAA"), persona(2, "Mia")];
    const before = assignNames(ps);
    const after = assignNames([...ps, persona(3, "Ava", "DDDDDD"), persona(4, "Mia", "EEEEEE")]);
    for (const p of ps) assert.deepEqual(after.get(p.influencerId), before.get(p.influencerId));
  });

  it("stays unique when a suffixed name meets a persona literally named like it, or two names meet as variables", () => {
    const ps = [persona(1, "Ava", "AAAAAA"), persona(2, "Ava 7k2m9q"), persona(3, "Ava", "7K2M9Q"), persona(4, "a-1"), persona(5, "a1")];
    const names = [...assignNames(ps).values()];
    assert.equal(new Set(names.map((n) => n.resourceName)).size, ps.length);
    assert.equal(new Set(names.map((n) => n.variable)).size, ps.length);
    for (const n of names) assert.match(n.variable, /^[A-Za-z_$][A-Za-z0-9_$]*$/);
  });
});
