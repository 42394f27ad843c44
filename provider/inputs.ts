// Where the provider host's property bags become typed values. The host hands every
// lifecycle call plain `Record<string, unknown>`s; each lifecycle entry parses them here
// once, so the code below it works with InfluencerInputs / MediaInputs instead of casts.
// Rules (lengths, id formats) are check's to report field by field before any API call;
// parsing guarantees the shape the code relies on (types, known keys, enum values).
import type { z } from "zod";
import { containsUnknown, allowedKeysHint, inputSchema, zodFailures } from "./schema";
import { checkedMediaSchema, MEDIA_INPUT_KEYS, type MediaInputs } from "./media/check";
import type { InfluencerInputs } from "./types";

export type { MediaInputs } from "./media/check";

/** What the provider host passes: inputs, or old outputs, plus `__provider`. */
export type HostProps = Record<string, unknown>;

/** A field the engine does not know yet: only check and diff see these, during preview. */
export const UNKNOWN_INPUT: unique symbol = Symbol("unknown until apply");
export type Unknown = typeof UNKNOWN_INPUT;
/** Inputs as a preview's diff sees them: each field declared, unknown, or not declared. */
export type Planned<T> = { [K in keyof T]?: T[K] | Unknown };

export const isUnknown = (value: unknown): value is Unknown => value === UNKNOWN_INPUT;

/** The program's inputs for create and update (never unknown there). */
export function parseInputs(props: HostProps): InfluencerInputs {
  return parseWith(inputSchema, declared(props), allowedKeysHint);
}

/** The program's inputs for diff: a value that is or holds an unknown is UNKNOWN_INPUT. */
export function parsePlannedInputs(props: HostProps): Planned<InfluencerInputs> {
  return parsePlanned<InfluencerInputs>(plannedSchema, props, allowedKeysHint);
}

export function parseMediaInputs(props: HostProps): MediaInputs {
  return parseWith(checkedMediaSchema, declared(props), mediaHint);
}

export function parsePlannedMediaInputs(props: HostProps): Planned<MediaInputs> {
  return parsePlanned<MediaInputs>(plannedMediaSchema, props, mediaHint);
}

// In a preview any field may be unknown, projectId included: the known rest is all there is to parse.
const plannedSchema = inputSchema.partial();
const plannedMediaSchema = checkedMediaSchema.partial();
const mediaHint = () => `Media takes ${MEDIA_INPUT_KEYS.join(", ")}`;

function parsePlanned<T>(schema: z.ZodType<unknown, Partial<T>>, props: HostProps, hint: (path: PropertyKey[]) => string): Planned<T> {
  const known: HostProps = {};
  const unknown: Planned<T> = {};
  for (const [key, value] of Object.entries(declared(props))) {
    if (containsUnknown(value)) Object.assign(unknown, { [key]: UNKNOWN_INPUT });
    else known[key] = value;
  }
  return { ...parseWith(schema, known, hint), ...unknown };
}

/** `__provider` is the host's, and undefined or null means "not declared" (as in check). */
function declared(props: HostProps): HostProps {
  const out: HostProps = {};
  for (const [key, value] of Object.entries(props)) if (key !== "__provider" && value !== undefined && value !== null) out[key] = value;
  return out;
}

/**
 * `known` itself, once `schema` finds no shape issue in it. The values are handed on as the
 * program declared them (not zod's rebuilt copies), so what is sent and stored is unchanged.
 */
function parseWith<S extends z.ZodType>(schema: S, known: HostProps, hint: (path: PropertyKey[]) => string): z.input<S> & HostProps {
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

// The schema is the one definition of what a program may declare; types.ts documents it.
// This stops compiling when the two disagree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<z.input<typeof inputSchema>, InfluencerInputs> = true;
void schemaMatchesTypes;
