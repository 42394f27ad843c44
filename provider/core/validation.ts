// Turning what a host hands over (plain property bags) into typed values, and a rule
// violation into a check failure that names the field and the rule. Shared by every
// resource: each one's schema lives with it (influencer/schema.ts, media/check.ts).
import type { z } from "zod";
/** Pulumi's marker for a value not known during preview (`unknownValue` in runtime/rpc). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MEDIA_ID = /^med_[0-9A-HJKMNP-TV-Z]{26}$/;
export const INFLUENCER_ID = /^inf_[0-9A-HJKMNP-TV-Z]{26}$/;

import type { CheckFailure } from "./check-failure";

export type { CheckFailure } from "./check-failure";

/** A string the engine knows (not the preview's unknown marker). */
export const isKnownString = (value: unknown): value is string => typeof value === "string" && value !== UNKNOWN;

/** True when a value is, or contains, Pulumi's preview placeholder for an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * One check failure per bad field of `known` under `schema`, each naming the field and the
 * rule. `keysHint` says which keys an object at `path` takes (for unknown properties);
 * `only` picks the issues to report.
 */
export function zodFailures(
  schema: z.ZodType,
  known: Record<string, unknown>,
  keysHint: (path: PropertyKey[]) => string,
  only: (issue: z.core.$ZodIssue) => boolean = () => true,
): CheckFailure[] {
  const result = schema.safeParse(known);
  if (result.success) return [];
  const failures: CheckFailure[] = [];
  for (const issue of result.error.issues.filter(only)) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const where = issue.path.length ? `${formatPath(issue.path)}.${key}` : key;
        failures.push({ property: where, reason: `${where}: unknown property; ${keysHint(issue.path)}` });
      }
      continue;
    }
    const property = formatPath(issue.path);
    failures.push({ property, reason: `${property}: ${describeIssue(issue, valueAt(known, issue.path))}` });
  }
  return failures;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters (got ${String(value).length})`;
      if (issue.origin === "array") return `must have at most ${issue.maximum} items (got ${(value as unknown[]).length})`;
      return `must be at most ${issue.maximum} (got ${String(value)})`;
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      return `must be greater than ${issue.minimum} (got ${String(value)})`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")} (got ${JSON.stringify(value)})`;
    case "invalid_type":
      return `must be ${article(issue.expected)} (got ${describeType(value)})`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
}

/** What the provider host passes: inputs, or old outputs, plus `__provider`. */
export type HostProps = Record<string, unknown>;

/** A field the engine does not know yet: only check and diff see these, during preview. */
export const UNKNOWN_INPUT: unique symbol = Symbol("unknown until apply");
export type Unknown = typeof UNKNOWN_INPUT;
/** Inputs as a preview's diff sees them: each field declared, unknown, or not declared. */
export type Planned<T> = { [K in keyof T]?: T[K] | Unknown };

export const isUnknown = (value: unknown): value is Unknown => value === UNKNOWN_INPUT;

export function parsePlanned<T>(schema: z.ZodType<unknown, Partial<T>>, props: HostProps, hint: (path: PropertyKey[]) => string): Planned<T> {
  const known: HostProps = {};
  const unknown: Planned<T> = {};
  for (const [key, value] of Object.entries(declared(props))) {
    if (containsUnknown(value)) Object.assign(unknown, { [key]: UNKNOWN_INPUT });
    else known[key] = value;
  }
  return { ...parseWith(schema, known, hint), ...unknown };
}

/** `__provider` is the host's, and undefined or null means "not declared" (as in check). */
export function declared(props: HostProps): HostProps {
  const out: HostProps = {};
  for (const [key, value] of Object.entries(props)) if (key !== "__provider" && value !== undefined && value !== null) out[key] = value;
  return out;
}

/**
 * `known` itself, once `schema` finds no shape issue in it. The values are handed on as the
 * program declared them (not zod's rebuilt copies), so what is sent and stored is unchanged.
 */
export function parseWith<S extends z.ZodType>(schema: S, known: HostProps, hint: (path: PropertyKey[]) => string): z.input<S> & HostProps {
  if (hasShape(schema, known)) return known;
  // Only a caller that skipped check gets here (the engine runs it before every create, update and diff).
  const failures = zodFailures(schema, known, hint, isShapeIssue);
  throw new Error(`pulumi-layers: inputs check should have refused: ${failures.map((f) => f.reason).join("; ")}`);
}

/**
 * Stored outputs, written by this or any earlier version: never refused. A top-level field
 * of the wrong shape reads as absent, the way the code treated one before it was typed.
 */
export function parseLenient<S extends z.ZodType>(schema: S, props: HostProps): z.input<S> & HostProps {
  const value = { ...props };
  for (;;) {
    if (hasShape(schema, value)) return value;
    const issues = schema.safeParse(value).error?.issues.filter(isShapeIssue) ?? [];
    const keys = issues.map((issue) => issue.path[0]).filter((key) => key !== undefined && key in value);
    if (!keys.length) throw new Error(`pulumi-layers: stored state cannot be read: ${issues.map((i) => i.message).join("; ")}`);
    for (const key of keys) delete value[String(key)];
  }
}

/** Issue codes that mean a wrong type, key or enum value; the others are rules (length, format, …). */
const SHAPE_ISSUES = new Set<string>(["invalid_type", "unrecognized_keys", "invalid_value", "invalid_union", "invalid_key", "invalid_element"]);
const isShapeIssue = (issue: z.core.$ZodIssue) => SHAPE_ISSUES.has(issue.code);

function hasShape<S extends z.ZodType>(schema: S, value: HostProps): value is z.input<S> & HostProps {
  const result = schema.safeParse(value);
  return result.success || !result.error.issues.some(isShapeIssue);
}

