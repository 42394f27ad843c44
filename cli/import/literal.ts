// TypeScript literals for generated code, laid out the way a person would write them:
// double-quoted strings with every special character escaped, bare object keys where they
// are identifiers, short values on one line and long ones one item per line.

const INDENT = "  ";
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A string literal. JSON's escaping covers quotes, backslashes and control characters;
 * U+2028/U+2029 are escaped too, since they end a line in a `//` comment an editor might
 * wrap around them and some tools still treat them as line breaks.
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/**
 * `value` as a literal starting at column `column` at nesting `depth`: on one line when it
 * fits in `width` columns, otherwise one item per line with trailing commas.
 * Only JSON values occur (strings, numbers, booleans, null, arrays, plain objects).
 */
export function literal(value: unknown, depth = 0, column = 0, width = 100): string {
  const flat = inline(value);
  if (column + flat.length <= width || !isContainer(value)) return flat;
  const inner = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const items = value.map((v) => `${inner}${literal(v, depth + 1, inner.length, width)},`);
    return `[\n${items.join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const lines = entries.map(([k, v]) => {
    const head = `${inner}${propertyKey(k)}: `;
    return `${head}${literal(v, depth + 1, head.length, width)},`;
  });
  return `{\n${lines.join("\n")}\n${close}}`;
}

function isContainer(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value && typeof value === "object" && Object.keys(value).length > 0;
}

function inline(value: unknown): string {
  if (typeof value === "string") return stringLiteral(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${inline(v)}`).join(", ")} }` : "{}";
  }
  return JSON.stringify(value) ?? "null";
}

/** Text safe inside a `//` comment: one line, no control characters. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}
