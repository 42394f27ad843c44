// Canonical forms used to compare what a program declared with what the API reports, so
// that spelling and key order never show up as drift.

/** The API reads `non_binary` back as `nonbinary`; compare in the read spelling. */
export function normalizeGender(value: unknown): unknown {
  return value === "non_binary" ? "nonbinary" : value;
}

/** The spelling the create endpoint accepts, or undefined when it has none for this value. */
export function createGender(value: unknown): "male" | "female" | "non_binary" | undefined {
  if (value === "male" || value === "female") return value;
  if (value === "nonbinary" || value === "non_binary") return "non_binary";
  return undefined;
}

/**
 * JSON with object keys sorted and null/undefined members dropped: two values are the same
 * persona setting exactly when their canonical strings are equal.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined && member !== null) out[key] = canonical(member);
    }
    return out;
  }
  return value;
}

/** The comparable form of one persona field's value. */
export function normalizeField(field: string, value: unknown): string {
  if (value === undefined || value === null) return "null";
  return canonicalJson(field === "gender" ? normalizeGender(value) : value);
}

export function sameField(field: string, a: unknown, b: unknown): boolean {
  return normalizeField(field, a) === normalizeField(field, b);
}

/** Drops undefined members: protobuf Structs cannot carry them. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
