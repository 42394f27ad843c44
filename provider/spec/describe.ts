// The vocabulary of the package schema: Pulumi schema types (a subset: what this package
// uses) and the translation of a zod input schema into them. A property's rule (its limits
// and allowed values) is written into its description from the zod schema itself, so the
// reference, the editor's doc comments and `check` state the same rule.
import { z } from "zod";

/** A Pulumi schema type reference (https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/schema/). */
export type TypeSpec =
  | { type: "string" | "number" | "integer" | "boolean" }
  | { type: "array"; items: TypeSpec }
  | { type: "object"; additionalProperties: TypeSpec }
  | { $ref: string }
  | { type: "string"; oneOf: TypeSpec[] };

export interface PropertySpec {
  description: string;
  type: TypeSpec;
  /** A change needs a new resource (the schema's replaceOnChanges, shown in the reference). */
  replaceOnChanges?: boolean;
  secret?: boolean;
  /** Config only: environment variables read when the value is not set. */
  environment?: string[];
  default?: string | number;
  /** Reported as null when unset (not emitted: the schema has no null; the TypeScript types say it). */
  nullable?: boolean;
}

export type Properties = Record<string, PropertySpec>;

/** What the hand-written part of a property says; its type and rule come from zod. */
export interface PropertyDoc {
  description: string;
  replaceOnChanges?: boolean;
  secret?: boolean;
  /** Replaces the type derived from zod (an enum or object type of the schema). */
  type?: TypeSpec;
}

type Json = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Json>;
  items?: Json;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  exclusiveMinimum?: number;
  minimum?: number;
  maximum?: number;
};

export const ref = (token: string): TypeSpec => ({ $ref: `#/types/${token}` });

/** The JSON Schema of each input of an object schema, as the program sends it. */
export function inputJson(schema: z.ZodObject): Record<string, Json> {
  return (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json).properties ?? {};
}

/**
 * The schema's properties for `keys` of a zod object: each one's type from zod unless the
 * doc overrides it, and its description followed by the rule zod enforces.
 */
export function propertiesFromZod(schema: z.ZodObject, docs: Record<string, PropertyDoc>): Properties {
  const json = inputJson(schema);
  const out: Properties = {};
  for (const [key, doc] of Object.entries(docs)) {
    const property = json[key];
    if (!property) throw new Error(`spec: ${key} is documented but the zod schema has no such property`);
    out[key] = {
      description: withRule(doc.description, ruleOf(property)),
      type: doc.type ?? typeOf(property),
      ...(doc.replaceOnChanges ? { replaceOnChanges: true } : {}),
      ...(doc.secret ? { secret: true } : {}),
    };
  }
  return out;
}

/** Appends a rule sentence unless the description already ends with it. */
export function withRule(description: string, rule: string | undefined): string {
  if (!rule) return description;
  return `${description.trimEnd()} ${rule}`;
}

function typeOf(json: Json): TypeSpec {
  const type = Array.isArray(json.type) ? json.type.find((t) => t !== "null") : json.type;
  switch (type) {
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return { type };
    case "array":
      return { type: "array", items: typeOf(json.items ?? {}) };
    default:
      throw new Error(`spec: no schema type for ${JSON.stringify(json)}; give the property a type`);
  }
}

/** The rule zod enforces, in words: lengths, item counts, bounds, allowed values. */
export function ruleOf(json: Json): string | undefined {
  const parts: string[] = [];
  if (json.enum) parts.push(`One of ${json.enum.map((v) => `\`${String(v)}\``).join(", ")}.`);
  if (json.maxLength !== undefined) {
    parts.push(json.minLength && json.minLength > 0 ? `${json.minLength}-${json.maxLength} characters.` : `At most ${json.maxLength} characters.`);
  }
  if (json.exclusiveMinimum !== undefined || json.maximum !== undefined) {
    const low = json.exclusiveMinimum !== undefined ? `greater than ${json.exclusiveMinimum}` : undefined;
    const high = json.maximum !== undefined ? `at most ${json.maximum}` : undefined;
    const text = [low, high].filter(Boolean).join(" and ");
    parts.push(`${text[0].toUpperCase()}${text.slice(1)}.`);
  }
  if (json.type === "array") {
    const item = json.items ? ruleOf(json.items) : undefined;
    const count = json.maxItems !== undefined ? `At most ${json.maxItems} items` : undefined;
    if (count || item) parts.push(`${count ?? "Items"}${item ? `, each ${lowerFirst(item.replace(/\.$/, ""))}` : ""}.`);
  }
  return parts.length ? parts.join(" ") : undefined;
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);
