// The TypeScript types of the package, generated from the spec (the way `pulumi package
// gen-sdk` generates an SDK from a schema): named Args/State interfaces with a doc comment
// on every property, enums as string unions, plain and Input-wrapped object types. The
// output is committed as provider/spec/generated.ts (`npm run gen`); a test regenerates it
// and fails when it differs.
import type { PropertySpec, TypeSpec } from "./describe";
import { spec, type EnumSpec, type ObjectTypeSpec } from "./package";

const typeName = (token: string) => token.split(":").pop()!;
const refName = (ref: string) => typeName(ref.replace(/^#\/types\//, ""));
const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

/** How a type is written: plain (outputs, results) or as program inputs (every level an Input). */
type Mode = "plain" | "input";

function tsType(t: TypeSpec, mode: Mode): string {
  if ("$ref" in t) {
    const name = refName(t.$ref);
    const isObject = Object.keys(spec.objects).some((token) => typeName(token) === name);
    return isObject && mode === "input" && inputObjects().has(name) ? `${name}Args` : name;
  }
  if ("oneOf" in t) {
    // `string & {}` keeps an editor's completion of the enum's members while taking any string.
    return t.oneOf.map((o) => ("$ref" in o ? tsType(o, mode) : "(string & {})")).join(" | ");
  }
  if (t.type === "array") {
    const item = tsType(t.items, mode);
    return mode === "input" ? `pulumi.Input<${item}>[]` : `${item}[]`;
  }
  if (t.type === "object") return `Record<string, ${tsType(t.additionalProperties, mode)}>`;
  return t.type === "integer" ? "number" : t.type;
}

function doc(text: string, indent = ""): string {
  const lines = wrap(text, 96 - indent.length);
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join("\n")}\n${indent} */\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.replace(/\*\//g, "*\\/").split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

type Style = "args" | "state" | "outputs" | "plain" | "result";

function member(name: string, p: PropertySpec, style: Style, required: boolean): string {
  // State takes outputs back as they were reported: plain values, each an Input as a whole.
  const mode: Mode = style === "args" ? "input" : "plain";
  let type = tsType(p.type, mode);
  if (style === "outputs") {
    const absent = required ? "" : p.nullable ? " | null" : " | undefined";
    return `${doc(p.description, "  ")}  readonly ${name}: pulumi.Output<${type}${absent}>;\n`;
  }
  if (style === "args" || style === "state") {
    const optional = !(required && style === "args");
    // An optional input may be an Output that resolves to undefined: the field is then not declared.
    return `${doc(p.description, "  ")}  ${name}${optional ? "?" : ""}: pulumi.Input<${type}${optional && style === "args" ? " | undefined" : ""}>;\n`;
  }
  // Layers sends a nullable field as null, never leaves it out.
  const present = required || p.nullable;
  if (p.nullable) type = `${type} | null`;
  const readonly = style === "result" ? "readonly " : "";
  return `${doc(p.description, "  ")}  ${readonly}${name}${present ? "" : "?"}: ${type};\n`;
}

function iface(name: string, description: string, props: Record<string, PropertySpec>, style: Style, required: readonly string[] = []): string {
  const body = Object.entries(props).map(([k, p]) => member(k, p, style, required.includes(k))).join("");
  return `${doc(description)}export interface ${name} {\n${body}}\n`;
}

function enumType(token: string, e: EnumSpec): string {
  return `${doc(e.description)}export type ${typeName(token)} = ${e.values.map((v) => JSON.stringify(v)).join(" | ")};\n`;
}

/** Object types some resource takes as an input: they get an Input-wrapped `…Args` form too. */
function inputObjects(): Set<string> {
  const refs = new Set<string>();
  const visit = (t: TypeSpec) => {
    if ("$ref" in t) refs.add(refName(t.$ref));
    else if ("oneOf" in t) t.oneOf.forEach(visit);
    else if (t.type === "array") visit(t.items);
  };
  for (const r of Object.values(spec.resources)) Object.values(r.inputs).forEach((p) => visit(p.type));
  return refs;
}

function objectTypes(token: string, t: ObjectTypeSpec, asInput: boolean): string {
  const name = typeName(token);
  const plain = iface(name, t.description, t.properties, "plain", t.required);
  if (!asInput) return plain;
  return `${plain}\n${iface(`${name}Args`, `${t.description} As a program declares it: each value may be an Output.`, t.properties, "args", t.required)}`;
}

const article = (word: string) => (/^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`);

export function typescriptTypes(): string {
  const parts: string[] = [
    "// GENERATED by `npm run gen` from the package schema (provider/spec/*.ts). Do not edit by hand:\n" +
      "// change the spec and run `npm run gen`; a test fails when this file is stale.\n" +
      'import type * as pulumi from "@pulumi/pulumi";\n',
  ];
  for (const [token, e] of Object.entries(spec.enums)) parts.push(enumType(token, e));
  const asInputs = inputObjects();
  for (const [token, t] of Object.entries(spec.objects)) parts.push(objectTypes(token, t, asInputs.has(typeName(token))));
  for (const [token, r] of Object.entries(spec.resources)) {
    const name = typeName(token);
    parts.push(iface(`${name}Args`, `The arguments of ${article(name)}. ${r.description}`, r.inputs, "args", r.requiredInputs));
    parts.push(iface(`${name}State`, `${capitalize(article(name))}'s outputs, to look one up with \`${name}.get(name, id, state)\`.`, r.outputs, "state"));
    parts.push(iface(`${name}Outputs`, `What ${article(name)} reports once Pulumi has created or read it.`, r.outputs, "outputs", r.requiredOutputs));
  }
  for (const [token, f] of Object.entries(spec.functions)) {
    const name = capitalize(typeName(token));
    parts.push(iface(`${name}Args`, `The arguments of ${typeName(token)}. ${f.description}`, f.inputs, "plain", f.required));
    parts.push(iface(`${name}OutputArgs`, `The arguments of ${typeName(token)}Output: each may be an Output.`, f.inputs, "args", f.required));
    parts.push(iface(`${name}Result`, `What ${typeName(token)} returns.`, f.outputs, "result", f.outputsRequired));
  }
  parts.push(
    `/** Every output of each resource, registered as undefined so the engine fills it in. */\nexport const OUTPUT_KEYS = ${JSON.stringify(
      Object.fromEntries(Object.entries(spec.resources).map(([token, r]) => [token, Object.keys(r.outputs)])),
      null,
      2,
    )} as const;\n`,
  );
  parts.push(iface("ProviderArgs", "The settings of an explicit Layers provider (one per org). Each falls back to the environment variable named.", spec.config, "args"));
  return parts.join("\n");
}
