// Just enough Markdown for the documentation checks: headings and their GitHub anchors,
// links, and the prose units (paragraphs, list items, table rows) a copy would be made of.
// Code blocks are left out of everything: commands are meant to be repeated where needed.
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface Doc {
  /** Path relative to the repository root, used in messages. */
  file: string;
  text: string;
}

export function readDoc(file: string): Doc {
  return { file, text: fs.readFileSync(path.join(REPO_ROOT, file), "utf8") };
}

/** README.md, docs/*.md and examples/<name>/README.md: every page whose facts must have one home. */
export function docPages(): string[] {
  const docs = fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
  const examples = fs
    .readdirSync(path.join(REPO_ROOT, "examples"))
    .map((d) => `examples/${d}/README.md`)
    .filter((f) => fs.existsSync(path.join(REPO_ROOT, f)));
  return ["README.md", ...docs.sort(), ...examples.sort()];
}

/** The text with fenced (```) and indented (4 spaces after a blank line) code blocks blanked out. */
export function withoutCode(text: string): string {
  const out: string[] = [];
  let fenced = false;
  let indented = false;
  let previousBlank = true;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      out.push("");
      previousBlank = false;
      continue;
    }
    const blank = line.trim() === "";
    if (!fenced) indented = (indented || previousBlank) && (/^( {4}|\t)/.test(line) || (indented && blank));
    out.push(fenced || indented ? "" : line);
    previousBlank = blank;
  }
  return out.join("\n");
}

/** GitHub's heading anchors: lower-case, punctuation dropped, spaces to dashes, repeats numbered. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of withoutCode(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, "").replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

/** Every `[text](target)` outside code, split into path and anchor (either may be empty). */
export function links(text: string): { target: string; path: string; anchor: string }[] {
  return [...withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => {
    const hash = target.indexOf("#");
    return hash < 0 ? { target, path: target, anchor: "" } : { target, path: target.slice(0, hash), anchor: target.slice(hash + 1) };
  });
}

/**
 * The prose units of a page: each paragraph, each list item (with its continuation lines) and
 * each table row, outside code blocks. Headings and table separator rows are not units.
 */
export function units(text: string): string[] {
  const result: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) result.push(current.join(" "));
    current = [];
  };
  for (const line of withoutCode(text).split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || /^#{1,6} /.test(trimmed)) {
      flush();
    } else if (trimmed.startsWith("|")) {
      flush();
      if (!/^\|[\s|:-]+\|$/.test(trimmed)) result.push(trimmed);
    } else if (/^([-*+]|\d+\.) /.test(trimmed)) {
      flush();
      current.push(trimmed);
    } else {
      current.push(trimmed);
    }
  }
  flush();
  return result;
}

/**
 * What two copies of a fact have in common once reformatting is ignored: link targets
 * (which differ between README.md and docs/) and markdown punctuation dropped, case and
 * spacing folded.
 */
export function normalise(unit: string): string {
  return unit
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\|/g, " ")
    .replace(/[`*_#>[\]]/g, "")
    .replace(/^\s*([-+]|\d+\.)\s/, " ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Units shorter than this are phrases ("Node only", "update (PATCH)"), not facts worth a home. */
export const MIN_COPY_CHARS = 60;

export interface Copy {
  /** The unit as written in `file`. */
  unit: string;
  file: string;
  /** The page that holds the same text again (possibly inside a longer unit). */
  alsoIn: string;
}

/** Units of `page` of meaningful length that appear again, after normalising, in `other`. */
export function copiesOf(page: Doc, other: Doc): Copy[] {
  const haystack = units(other.text).map(normalise).join("\n");
  return units(page.text)
    .filter((u) => normalise(u).length >= MIN_COPY_CHARS && haystack.includes(normalise(u)))
    .map((unit) => ({ unit, file: page.file, alsoIn: other.file }));
}

/** Copies in both directions between `home` and each of `others`. */
export function copiesBetween(home: Doc, others: Doc[]): Copy[] {
  return others.flatMap((other) => [...copiesOf(home, other), ...copiesOf(other, home)]);
}

export function describeCopies(copies: Copy[]): string {
  return copies.map((c) => `${c.file} and ${c.alsoIn} both say:\n    ${c.unit}`).join("\n");
}
