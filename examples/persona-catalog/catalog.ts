// Loads a persona catalog (YAML, or JSON, which is YAML too) and validates every entry.
// Each problem is reported as `file:line:col: message`, all of them at once, so a typo in
// entry 40 is found in the editor, not by a failed `pulumi up` halfway through.
import * as fs from "fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import type { InfluencerArgs } from "pulumi-layers";
import * as rules from "./rules";

/** Persona fields of an entry: every Influencer input but `projectId`. */
export type PersonaFields = Omit<InfluencerArgs, "projectId">;

export interface CatalogEntry {
  /** Unique key: the Pulumi resource name. */
  key: string;
  fields: PersonaFields;
  line: number;
}

export interface Catalog {
  personas: CatalogEntry[];
  /** Content briefs to hand out round-robin (optional). */
  briefs: string[];
}

export interface Problem {
  line: number;
  col: number;
  message: string;
}

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.col}: ${p.message}`).join("\n"));
    this.name = "CatalogError";
  }
}

export function loadCatalog(file: string, label = file): Catalog {
  return parseCatalog(fs.readFileSync(file, "utf8"), label);
}

export function parseCatalog(text: string, file = "personas.yaml"): Catalog {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: Problem[] = [];
  const at = (offset: number | undefined, message: string) => {
    const pos = lineCounter.linePos(offset ?? 0);
    problems.push({ line: pos.line, col: pos.col, message });
  };
  at.lineOf = (node: Node) => lineCounter.linePos(node.range?.[0] ?? 0).line;
  for (const err of doc.errors) at(err.pos[0], err.message.split("\n")[0]);
  if (problems.length > 0) throw new CatalogError(file, problems);

  const catalog: Catalog = { personas: [], briefs: [] };
  const root = doc.contents;
  if (!isMap(root)) {
    at(root?.range?.[0], "the catalog must be a mapping with a `personas:` list");
    throw new CatalogError(file, problems);
  }
  for (const pair of root.items as Pair<Node, Node>[]) {
    const name = keyOf(pair);
    if (name === "personas") readPersonas(pair.value, catalog, at);
    else if (name === "briefs") readBriefs(pair.value, catalog, at);
    else at(pair.key?.range?.[0], `unknown top-level key "${name}": expected personas or briefs`);
  }
  if (!root.has("personas")) at(root.range?.[0], "missing `personas:` list");
  if (problems.length > 0) throw new CatalogError(file, problems.sort((a, b) => a.line - b.line || a.col - b.col));
  return catalog;
}

/** Records a problem at a source offset; `lineOf` gives a node's 1-based line. */
type At = ((offset: number | undefined, message: string) => void) & { lineOf(node: Node): number };

/** A problem with a value: the message, and the node it is about when not the value itself. */
type Bad = { message: string; node?: Node | null };

function keyOf(pair: Pair<Node, Node>): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function readBriefs(node: Node | null, catalog: Catalog, at: At): void {
  if (!isSeq(node)) return at(node?.range?.[0], "`briefs` must be a list of strings");
  for (const item of node.items as Node[]) {
    if (isScalar(item) && typeof item.value === "string" && item.value.trim() !== "") catalog.briefs.push(item.value);
    else at(item?.range?.[0], "each brief must be a non-empty string");
  }
}

function readPersonas(node: Node | null, catalog: Catalog, at: At): void {
  if (!isSeq(node) || node.items.length === 0) return at(node?.range?.[0], "`personas` must be a non-empty list");
  const seen = new Map<string, number>();
  for (const item of node.items as Node[]) {
    if (!isMap(item)) {
      at(item?.range?.[0], "each persona must be a mapping (key: ..., name: ...)");
      continue;
    }
    const { key, entry } = readEntry(item as YAMLMap<Node, Node>, at);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      at(item.get("key", true)?.range?.[0], `duplicate key "${key}" (first used on line ${first})`);
      continue;
    }
    seen.set(key, at.lineOf(item));
    if (entry) catalog.personas.push(entry);
  }
}

/** The entry's key when it has a valid one, and the entry when every field is valid. */
function readEntry(map: YAMLMap<Node, Node>, at: At): { key?: string; entry?: CatalogEntry } {
  const start = map.range?.[0];
  const fields: Record<string, unknown> = {};
  let key: string | undefined;
  let ok = true;
  const fail = (node: Node | null | undefined, message: string) => {
    ok = false;
    at(node?.range?.[0] ?? start, message);
  };
  for (const pair of map.items) {
    const name = keyOf(pair);
    const value = pair.value;
    if (!rules.ENTRY_FIELDS.includes(name)) {
      const hint = rules.suggest(name, rules.ENTRY_FIELDS);
      fail(pair.key, `unknown field "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
      continue;
    }
    const bad = checkField(name, value);
    if (bad) fail(bad.node ?? value ?? pair.key, `${name}: ${bad.message}`);
    else if (name === "key") key = (value as { value: string }).value;
    else fields[name] = value?.toJSON();
  }
  if (key === undefined && !map.has("key")) fail(undefined, "missing `key` (the persona's unique resource name)");
  if (!ok || key === undefined) return { key };
  return { key, entry: { key, fields: fields as PersonaFields, line: at.lineOf(map) } };
}

/** What is wrong with a value, or undefined when it is valid. */
function checkField(name: string, node: Node | null): Bad | undefined {
  if (name === "personality") return checkPersonality(node);
  if (name === "referenceImageAssetIds") {
    if (!isSeq(node)) return { message: "must be a list of media ids (med_…)" };
    const bad = (node.items as Node[]).find((i) => !(isScalar(i) && rules.MEDIA_ID_PATTERN.test(String(i.value))));
    if (!bad) return undefined;
    return { node: bad, message: `"${isScalar(bad) ? bad.value : "?"}" is not a media id (med_ + 26 characters)` };
  }
  const message = checkText(name, isScalar(node) ? node.value : undefined);
  return message ? { message } : undefined;
}

function checkText(name: string, value: unknown): string | undefined {
  if (typeof value !== "string") return "must be a string";
  if (name === "key") return rules.KEY_PATTERN.test(value) ? undefined : "must start with a lowercase letter and use only a-z, 0-9 and -";
  if (name === "gender") return rules.GENDERS.includes(value) ? undefined : `must be one of ${rules.GENDERS.join(", ")}`;
  if (name === "language") return rules.LANGUAGE_PATTERN.test(value) && value.length <= 35 ? undefined : "must be a BCP-47 tag such as en-US";
  if (name === "prompt") return value.length >= 1 && value.length <= 60 ? undefined : "must be 1-60 characters";
  const max = rules.TEXT_LIMITS[name];
  if (value.length < 1 || value.length > max) return `must be 1-${max} characters (got ${value.length})`;
  return undefined;
}

function checkPersonality(node: Node | null): Bad | undefined {
  if (!isMap(node)) return { message: "must be a mapping (traits, tone, …)" };
  for (const pair of node.items as Pair<Node, Node>[]) {
    const k = keyOf(pair);
    const v = pair.value;
    if (rules.PERSONALITY_STRINGS.includes(k)) {
      if (!isScalar(v) || typeof v.value !== "string" || v.value.length > 256) {
        return { node: v ?? pair.key, message: `${k} must be a string of at most 256 characters` };
      }
    } else if (rules.PERSONALITY_LISTS.includes(k)) {
      const items = isSeq(v) ? (v.items as Node[]) : undefined;
      if (!items || items.length > 20 || items.some((i) => !isScalar(i) || typeof i.value !== "string" || i.value.length > 64)) {
        return { node: v ?? pair.key, message: `${k} must be a list of at most 20 strings of at most 64 characters` };
      }
    } else {
      const hint = rules.suggest(k, [...rules.PERSONALITY_STRINGS, ...rules.PERSONALITY_LISTS]);
      return { node: pair.key, message: `unknown key "${k}"${hint ? ` (did you mean "${hint}"?)` : ""}` };
    }
  }
  return undefined;
}
