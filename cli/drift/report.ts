// The drift report: what `pulumi preview --refresh` found, per persona, as plain data. Built
// from the engine events the Automation API hands us (recorded ones in tests), never from
// the CLI's text. The provider's own diff (provider/influencer/diff.ts) decides which fields differ, so
// the report and `pulumi up` always agree.
import { diffInfluencer } from "../../provider/influencer/diff";
import { STATE_ONLY_INPUTS } from "../../provider/influencer/fields";
import { UNKNOWN } from "../../provider/core/validation";

export const INFLUENCER_TYPE = "pulumi-nodejs:dynamic/layers:Influencer";

/** The subset of an engine event this report reads (see @pulumi/pulumi/automation/events). */
export interface EngineEvent {
  resourcePreEvent?: { metadata: StepMetadata };
  resOutputsEvent?: { metadata: StepMetadata };
  diagnosticEvent?: { message: string; severity: string; urn?: string };
  summaryEvent?: { resourceChanges?: Record<string, number>; result?: string };
}

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  old?: StepState | null;
  new?: StepState | null;
}

interface StepState {
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export type DriftKind =
  /** Fields differ between the program and Layers. */
  | "changed"
  /** In state, gone from Layers: `pulumi up --refresh` would create a new persona (a plain `pulumi up` would not). */
  | "deleted"
  /** Declared in the program, never created (a program change, e.g. a PR adding a persona). */
  | "new"
  /** In state, no longer in the program: `pulumi up` would delete it. */
  | "removed";

export interface FieldDrift {
  field: string;
  /** What the program declares (null: not declared; "(known after apply)" for unknowns). */
  program: unknown;
  /** What Layers reports (after the refresh). */
  layers: unknown;
  /** Where it moved: edited in Layers, or changed in the program since the last `pulumi up`. */
  changedIn: "layers" | "program";
}

export interface PersonaDrift {
  /** Pulumi resource name (the last part of the URN). */
  resource: string;
  urn: string;
  influencerId: string | null;
  name: string | null;
  thumbnailUrl: string | null;
  kind: DriftKind;
  fields: FieldDrift[];
  /** Declared reference image ids the persona does not carry. */
  missingReferenceImages: string[];
  /** `pulumi up --refresh` would replace the persona (a new one, a new id). */
  replaces: boolean;
  /** The persona's generation failed (only a replacement repairs it). */
  failed: boolean;
}

export interface DriftReport {
  stack: string;
  drift: boolean;
  /** Personas that differ, in the order the engine visited them. */
  personas: PersonaDrift[];
  /** Personas checked that match. */
  unchanged: number;
  /** Resources of other types the preview would change: `urn` and operation. */
  otherChanges: Array<{ urn: string; op: string }>;
}

const NO_CHANGE_OPS = new Set(["same", "refresh", "read", "discard", "remove-pending-replace"]);
const resourceName = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const shown = (v: unknown): unknown => (v === UNKNOWN ? "(known after apply)" : v === undefined ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function boundAssetIds(outputs: Record<string, unknown>): Set<string> {
  const refs = Array.isArray(outputs.referenceImages) ? (outputs.referenceImages as Array<{ assetId?: string }>) : [];
  return new Set(refs.map((r) => String(r.assetId)));
}

/**
 * One drifted persona from an update/replace step: old = refreshed state, new = program
 * inputs. `before` is the state before the refresh: its inputs are what the last `pulumi up`
 * applied (a refresh rewrites drifted inputs to Layers' values, see influencer/read.ts).
 */
function changedPersona(meta: StepMetadata, before: StepState | undefined): PersonaDrift {
  const outputs = meta.old?.outputs ?? {};
  const applied = before?.inputs ?? meta.old?.inputs ?? {};
  const program = meta.new?.inputs ?? {};
  const diff = diffInfluencer(outputs, program);
  const bound = boundAssetIds(outputs);
  const declaredRefs = Array.isArray(program.referenceImageAssetIds) ? (program.referenceImageAssetIds as string[]) : [];
  const fields: FieldDrift[] = [];
  for (const field of diff.changed) {
    if (field === "status" || field === "referenceImageAssetIds") continue; // reported as `failed` / missing images
    // Inputs Layers cannot report (prompt, delete reason, ...) only ever change in the program.
    const stateOnly = (STATE_ONLY_INPUTS as readonly string[]).includes(field) || field === "prompt";
    const layers = stateOnly ? applied[field] : outputs[field];
    fields.push({
      field,
      program: shown(program[field]),
      layers: shown(layers),
      changedIn: !same(applied[field], program[field]) || stateOnly ? "program" : "layers",
    });
  }
  return {
    resource: resourceName(meta.urn),
    urn: meta.urn,
    influencerId: str(outputs.influencerId) ?? str(meta.old?.id),
    name: str(outputs.name) ?? str(program.name),
    thumbnailUrl: str(outputs.thumbnailUrl),
    kind: "changed",
    fields,
    missingReferenceImages: declaredRefs.filter((id) => id !== UNKNOWN && !bound.has(id)),
    replaces: diff.replaces.length > 0,
    failed: diff.replaces.includes("status"),
  };
}

function wholePersona(meta: StepMetadata, kind: DriftKind, state: StepState | null | undefined): PersonaDrift {
  const props = { ...(state?.inputs ?? {}), ...(state?.outputs ?? {}) };
  return {
    resource: resourceName(meta.urn),
    urn: meta.urn,
    influencerId: str(props.influencerId) ?? str(state?.id),
    name: str(props.name),
    thumbnailUrl: str(props.thumbnailUrl),
    kind,
    fields: [],
    missingReferenceImages: [],
    replaces: false,
    failed: false,
  };
}

/** The report for one preview's events. Pure: the same events always give the same report. */
export function buildReport(stack: string, events: EngineEvent[]): DriftReport {
  const beforeRefresh = new Map<string, StepState>();
  const goneOnRefresh = new Set<string>();
  const personas: PersonaDrift[] = [];
  const otherChanges: DriftReport["otherChanges"] = [];
  let unchanged = 0;

  for (const event of events) {
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs && outputs.op === "refresh" && outputs.type === INFLUENCER_TYPE && outputs.old && !outputs.new) {
      goneOnRefresh.add(outputs.urn);
    }
    const meta = event.resourcePreEvent?.metadata;
    if (!meta) continue;
    if (meta.type !== INFLUENCER_TYPE) {
      if (!NO_CHANGE_OPS.has(meta.op) && !meta.type.startsWith("pulumi:providers:")) otherChanges.push({ urn: meta.urn, op: meta.op });
      continue;
    }
    if (meta.op === "refresh") {
      if (meta.old) beforeRefresh.set(meta.urn, meta.old);
      continue;
    }
    switch (meta.op) {
      case "same":
        unchanged += 1;
        break;
      case "update":
      case "replace":
      case "create-replacement": {
        // A replacement shows up as several steps (replace, create-replacement, ...): report it once.
        if (personas.some((p) => p.urn === meta.urn)) break;
        const drift = changedPersona(meta, beforeRefresh.get(meta.urn));
        personas.push({ ...drift, replaces: drift.replaces || meta.op !== "update" });
        break;
      }
      case "create":
        personas.push(
          goneOnRefresh.has(meta.urn)
            ? wholePersona(meta, "deleted", beforeRefresh.get(meta.urn))
            : wholePersona(meta, "new", meta.new),
        );
        break;
      case "delete":
        personas.push(wholePersona(meta, "removed", meta.old));
        break;
      default:
        // delete-replaced (the other half of a replace), read, import: nothing of its own to report.
        break;
    }
  }
  return { stack, drift: personas.length > 0 || otherChanges.length > 0, personas, unchanged, otherChanges };
}

/**
 * The events worth keeping: resource steps and errors, without the provider's code
 * (`__provider`, kilobytes per resource) and without the engine's debug chatter.
 */
export function sanitizeEvents(events: EngineEvent[]): EngineEvent[] {
  const strip = (state: StepState | null | undefined) => {
    if (!state) return state;
    const drop = (o?: Record<string, unknown>) => (o ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== "__provider")) : o);
    return { ...state, inputs: drop(state.inputs), outputs: drop(state.outputs) };
  };
  const out: EngineEvent[] = [];
  for (const e of events) {
    for (const key of ["resourcePreEvent", "resOutputsEvent"] as const) {
      const m = e[key]?.metadata;
      if (m) out.push({ [key]: { metadata: { op: m.op, urn: m.urn, type: m.type, old: strip(m.old), new: strip(m.new) } } });
    }
    if (e.diagnosticEvent && e.diagnosticEvent.severity !== "debug") {
      const { message, severity, urn } = e.diagnosticEvent;
      out.push({ diagnosticEvent: { message, severity, ...(urn ? { urn } : {}) } });
    }
    if (e.summaryEvent) out.push({ summaryEvent: { resourceChanges: e.summaryEvent.resourceChanges, result: e.summaryEvent.result } });
  }
  return out;
}
