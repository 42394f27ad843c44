// Resource and variable names for generated declarations. A name comes from the persona's
// name (readable), is a valid Pulumi name and TypeScript identifier, is unique in the
// program, and stays the same when the command runs again: personas are named oldest
// first, the oldest of a clash keeps the plain name and the others add the end of their
// (immutable) id, so a persona made later never renames one named before it.

export interface Nameable {
  influencerId: string;
  name: string | null;
  createdAt: string;
}

export interface Names {
  /** The Pulumi resource name, e.g. `ava-chen`. */
  resourceName: string;
  /** The TypeScript variable, e.g. `avaChen`. */
  variable: string;
}

const MAX_SLUG = 40;
const FALLBACK = "persona";
/** Characters of the id's random tail that tell two same-named personas apart. */
const TAIL = 6;

/** `"Zoë O'Neil!"` → `zoe-o-neil`; a name with no Latin letters or digits → `persona`. */
export function slug(name: string | null): string {
  const ascii = (name ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // combining marks left by NFKD: é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "");
  return ascii.slice(0, MAX_SLUG).replace(/-+$/, "") || FALLBACK;
}

// Ids are `inf_` + base32; anything else a server might send is dropped, never pasted into code.
const idChars = (id: string) => id.toLowerCase().replace(/[^a-z0-9]/g, "");
const idTail = (id: string) => idChars(id).slice(-TAIL);

// Names TypeScript refuses for a top-level const of a CommonJS module, or that would shadow
// something a reader expects to mean the usual thing.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await as async of type declare " +
    "arguments eval undefined require exports module global console process layers pulumi projectId"
  ).split(" "),
);

/** `ava-chen` → `avaChen`; `123-start` → `persona123Start`; `class` → `classPersona`. */
export function variableFor(resourceName: string): string {
  const [first, ...rest] = resourceName.split("-");
  let v = first + rest.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
  if (/^[0-9]/.test(v)) v = FALLBACK + v.charAt(0).toUpperCase() + v.slice(1);
  return RESERVED.has(v) ? `${v}Persona` : v;
}

/** Names for every persona, keyed by influencer id. */
export function assignNames(personas: readonly Nameable[]): Map<string, Names> {
  const ordered = [...personas].sort(byAge);
  const resourceNames = new Map<string, string>();
  const taken = new Set<string>();
  const claimedBySlug = new Set<string>();
  for (const p of ordered) {
    const base = slug(p.name);
    let name = claimedBySlug.has(base) ? `${base}-${idTail(p.influencerId)}` : base;
    claimedBySlug.add(base);
    if (taken.has(name)) name = `${base}-${idChars(p.influencerId)}`; // a name like "ava-7k2m9q": the full id is unique
    taken.add(name);
    resourceNames.set(p.influencerId, name);
  }
  const out = new Map<string, Names>();
  const variables = new Set<string>();
  for (const p of ordered) {
    const resourceName = resourceNames.get(p.influencerId)!;
    let variable = variableFor(resourceName);
    // Distinct resource names can still meet as variables ("a-1" and "a1"): the id decides.
    if (variables.has(variable)) variable = `${variable}_${idTail(p.influencerId)}`;
    if (variables.has(variable)) variable = `${variableFor(resourceName)}_${idChars(p.influencerId)}`;
    variables.add(variable);
    out.set(p.influencerId, { resourceName, variable });
  }
  return out;
}

/** Oldest first; the id breaks ties so the order never depends on the listing's. */
export function byAge(a: Nameable, b: Nameable): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.influencerId < b.influencerId ? -1 : a.influencerId > b.influencerId ? 1 : 0;
}
