// The Pulumi package schema of `layers`: what the plugin answers to GetSchema, what the YAML
// language host checks programs against, and what the reference page (docs/reference.md)
// and the TypeScript types (generated.ts) are generated from. Built at run time from the
// spec modules beside this one, so it cannot drift from the rules check enforces.
import { packageVersion } from "../client/version";
import { configProperties } from "./config";
import type { Properties, PropertySpec, TypeSpec } from "./describe";
import {
  INFLUENCER_DESCRIPTION,
  INFLUENCER_REQUIRED_OUTPUTS,
  influencerEnums,
  influencerInputs,
  influencerOutputs,
  influencerTypes,
  TOKENS,
} from "./influencer";
import { FUNCTION_TOKENS, functions, summaryProperties } from "./lookups";
import { MEDIA_DESCRIPTION, MEDIA_REQUIRED_OUTPUTS, MEDIA_TOKENS, mediaEnums, mediaInputs, mediaOutputs } from "./media";

export const PACKAGE_NAME = "layers";

export interface ObjectTypeSpec {
  description: string;
  properties: Properties;
  required?: readonly string[];
}

export interface EnumSpec {
  description: string;
  values: readonly string[];
}

export interface ResourceSpec {
  description: string;
  inputs: Properties;
  requiredInputs: readonly string[];
  outputs: Properties;
  requiredOutputs: readonly string[];
}

export interface FunctionSpec {
  description: string;
  inputs: Properties;
  required: readonly string[];
  outputs: Properties;
  outputsRequired: readonly string[];
}

/** Everything the package declares, in our own terms (the generators read this). */
export const spec = {
  resources: {
    [TOKENS.influencer]: {
      description: INFLUENCER_DESCRIPTION,
      inputs: influencerInputs,
      requiredInputs: ["projectId"],
      outputs: influencerOutputs,
      requiredOutputs: INFLUENCER_REQUIRED_OUTPUTS,
    },
    [MEDIA_TOKENS.media]: {
      description: MEDIA_DESCRIPTION,
      inputs: mediaInputs,
      requiredInputs: ["projectId"],
      outputs: mediaOutputs,
      requiredOutputs: MEDIA_REQUIRED_OUTPUTS,
    },
  } as Record<string, ResourceSpec>,
  objects: {
    ...influencerTypes,
    [FUNCTION_TOKENS.summary]: {
      description: "A persona as the list endpoint reports it.",
      properties: summaryProperties,
      required: ["influencerId", "status", "createdAt"],
    },
  } as Record<string, ObjectTypeSpec>,
  enums: { ...influencerEnums, ...mediaEnums } as Record<string, EnumSpec>,
  functions: functions as Record<string, FunctionSpec>,
  config: configProperties,
};

/** The schema JSON (as an object) for this package version. */
export function packageSchema(version = packageVersion()): Record<string, unknown> {
  return {
    name: PACKAGE_NAME,
    displayName: "Layers",
    version,
    description: "Layers brand-ambassador personas (influencers) as Pulumi resources.",
    keywords: ["pulumi", "layers", "influencers", "category/utility", "kind/native"],
    license: "Apache-2.0",
    publisher: "pulumi-layers",
    meta: { moduleFormat: "(.*)" },
    config: { variables: properties(spec.config) },
    provider: {
      description: "The Layers provider: the API key and endpoint personas are managed with. One explicit provider per org lets one program manage personas in several orgs.",
      inputProperties: properties(spec.config),
      properties: properties(spec.config),
    },
    types: {
      ...Object.fromEntries(
        Object.entries(spec.objects).map(([token, t]) => [
          token,
          { type: "object", description: t.description, properties: properties(t.properties), ...(t.required ? { required: [...t.required] } : {}) },
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(spec.enums).map(([token, e]) => [
          token,
          { type: "string", description: e.description, enum: e.values.map((value) => ({ name: enumMemberName(value), value })) },
        ]),
      ),
    },
    resources: Object.fromEntries(
      Object.entries(spec.resources).map(([token, r]) => [
        token,
        {
          description: r.description,
          inputProperties: properties(r.inputs),
          requiredInputs: [...r.requiredInputs],
          properties: properties(r.outputs),
          required: [...r.requiredOutputs],
        },
      ]),
    ),
    functions: Object.fromEntries(
      Object.entries(spec.functions).map(([token, f]) => [
        token,
        {
          description: f.description,
          inputs: { properties: properties(f.inputs), required: [...f.required] },
          outputs: { properties: properties(f.outputs), required: [...f.outputsRequired] },
        },
      ]),
    ),
  };
}

function properties(props: Properties): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([name, p]) => [name, property(p)]));
}

function property(p: PropertySpec): Record<string, unknown> {
  return {
    description: p.description,
    ...typeJson(p.type),
    ...(p.secret ? { secret: true } : {}),
    ...(p.replaceOnChanges ? { replaceOnChanges: true } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.environment ? { defaultInfo: { environment: p.environment } } : {}),
  };
}

function typeJson(t: TypeSpec): Record<string, unknown> {
  if ("$ref" in t) return { $ref: t.$ref };
  if ("oneOf" in t) return { type: t.type, oneOf: t.oneOf.map(typeJson) };
  if (t.type === "array") return { type: "array", items: typeJson(t.items) };
  if (t.type === "object") return { type: "object", additionalProperties: typeJson(t.additionalProperties) };
  return { type: t.type };
}

/** `young_adult` → `YoungAdult`, `image/svg+xml` → `ImageSvgXml`: names for enum members in generated SDKs. */
export function enumMemberName(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}
