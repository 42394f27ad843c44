// Loads a persona catalog (YAML, or JSON, which is YAML too) and validates every entry.
// Each problem is reported as `file:line:col: message`, all of them at once, so a typo in
// entry 40 is found in the editor, not by a failed `pulumi up` halfway through.
import * as fs from "fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { INFLUENCER_INPUT_KEYS, validateInfluencerArgs, type InfluencerArgs } from "pulumi-layers";
import * as rules from "./rules";

/** Fields an entry may hold: its `key` (the resource name) and every Influencer input but `projectId`. */
const ENTRY_FIELDS = ["key", ...INFLUENCER_INPUT_KEYS.filter((k) => k !== "projectId")];
/** Stands in for the stack's project id, which the file does not carry, while validating. */
const PLACEHOLDER_PROJECT = "00000000-0000-4000-8000-000000000000";

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
    if (name === "key") {
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value === "string" && rules.KEY_PATTERN.test(value)) key = value;
      else fail(pair.value ?? pair.key, "key: must start with a lowercase letter and use only a-z, 0-9 and -");
    } else if (!ENTRY_FIELDS.includes(name)) {
      const hint = rules.suggest(name, ENTRY_FIELDS);
      fail(pair.key, `unknown field "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
    } else {
      fields[name] = pair.value?.toJSON();
    }
  }
  if (key === undefined && !map.has("key")) fail(undefined, "missing `key` (the persona's unique resource name)");
  // The provider's own rules, so the file is held to exactly what `pulumi up` would accept.
  for (const failure of validateInfluencerArgs({ ...fields, projectId: PLACEHOLDER_PROJECT })) {
    fail(nodeAt(map, failure.property, failure.reason.includes(": unknown property")), failure.reason);
  }
  if (!ok || key === undefined) return { key };
  return { key, entry: { key, fields: fields as PersonaFields, line: at.lineOf(map) } };
}

/**
 * The YAML node a check failure's property path (`personality.traits[0]`) names, or its
 * nearest parent; the key rather than the value for an unknown property.
 */
function nodeAt(map: YAMLMap<Node, Node>, property: string, atKey = false): Node | undefined {
  const path = property.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let n = path.length; n > 0; n--) {
    const node = map.getIn(path.slice(0, n), true) as Node | undefined;
    if (!atKey && node && typeof node === "object" && "range" in node) return node;
    const parent = n === 1 ? map : (map.getIn(path.slice(0, n - 1), true) as YAMLMap<Node, Node> | undefined);
    if (parent && isMap(parent)) {
      const pair = parent.items.find((p) => keyOf(p) === String(path[n - 1]));
      if (pair) return pair.key;
    }
  }
  return undefined;
}
