// Renders a DriftReport for people (Markdown: a GitHub step summary, a terminal, a README)
// and for programs (JSON). Pure functions of the report.
import type { DriftReport, FieldDrift, PersonaDrift } from "./report";

/** Text safe inside a Markdown table cell: no pipes, no raw HTML, no line breaks. */
export function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** Longer strings (a 1,024-character voice description) are cut in the table; --json keeps them whole. */
export const MAX_SHOWN = 300;

/** A persona value in words: strings as they are, lists joined, personality as `key: value` pairs. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "*not set*";
  if (typeof value === "string") return value === "" ? '*""*' : cell(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  if (Array.isArray(value)) return value.length === 0 ? "*none*" : value.map((v) => describeValue(v)).join(", ");
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length === 0) return "*empty*";
    return entries.map(([k, v]) => `${cell(k)}: ${describeValue(v)}`).join("; ");
  }
  return cell(String(value));
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function title(p: PersonaDrift): string {
  return p.name ? `**${cell(p.name)}**` : `**${cell(p.resource)}**`;
}

function summaryOf(p: PersonaDrift): string {
  switch (p.kind) {
    case "deleted":
      return "deleted outside Pulumi";
    case "new":
      return "declared in the program, not created yet";
    case "removed":
      return "removed from the program (pulumi up deletes it)";
    case "changed": {
      const parts = p.fields.map((f) => f.field);
      if (p.missingReferenceImages.length) parts.push(plural(p.missingReferenceImages.length, "reference image") + " missing");
      if (p.failed) parts.push("generation failed");
      return (parts.join(", ") || "changed") + (p.replaces ? " (pulumi up --refresh replaces it)" : "");
    }
  }
}

function thumb(p: PersonaDrift, size: number): string {
  return p.thumbnailUrl ? `<img src="${cell(p.thumbnailUrl).replace(/"/g, "&quot;")}" width="${size}" height="${size}" alt="">` : "";
}

function fieldRow(f: FieldDrift): string {
  const where = f.changedIn === "layers" ? "Layers" : "the program";
  return `| ${code(f.field)} | ${describeValue(f.program)} | ${describeValue(f.layers)} | ${where} |`;
}

// What the report found comes from a refresh, which a plain `pulumi up` does not do: every
// repair of drift is worded as `pulumi up --refresh`. Only program changes (a persona added or
// removed) are what a plain `pulumi up` acts on.
function personaSection(p: PersonaDrift): string[] {
  const ids = [code(p.resource), p.influencerId ? code(p.influencerId) : null].filter(Boolean).join(" · ");
  const lines = [`### ${p.name ? cell(p.name) : cell(p.resource)}`, "", `${thumb(p, 64)} ${ids}`.trim(), ""];
  if (p.kind === "deleted") {
    lines.push(
      "**Deleted outside Pulumi.** It is gone from Layers but still in the stack: `pulumi up --refresh` creates a new persona (new id, new portrait). " +
        "A plain `pulumi up` does not see the deletion and leaves it missing; `pulumi refresh` alone only removes it from the stack.",
      "",
    );
  } else if (p.kind === "new") {
    lines.push("Declared in the program and not created yet (a program change, not drift): `pulumi up` creates it.", "");
  } else if (p.kind === "removed") {
    lines.push("No longer in the program: `pulumi up` deletes it from Layers.", "");
  }
  if (p.fields.length) {
    lines.push("| field | in the program | in Layers | changed in |", "| --- | --- | --- | --- |", ...p.fields.map(fieldRow), "");
  }
  if (p.missingReferenceImages.length) {
    lines.push(`**Reference image missing:** ${p.missingReferenceImages.map(code).join(", ")} (declared in the program, not bound to the persona in Layers).`, "");
  }
  if (p.failed) lines.push("**Generation failed** for this persona: `pulumi up --refresh` replaces it with a new one.", "");
  if (p.kind === "changed" && p.replaces && !p.failed) lines.push("`pulumi up --refresh` would **replace** this persona (new id).", "");
  return lines;
}

export function renderMarkdown(report: DriftReport): string {
  const stack = code(report.stack);
  if (!report.drift) {
    return [
      `## ✅ No persona drift in stack ${stack}`,
      "",
      `${plural(report.unchanged, "persona")} checked with \`pulumi preview --refresh\`: Layers matches the program.`,
      "",
    ].join("\n");
  }
  const checked = report.unchanged + report.personas.length;
  const lines = [
    `## ⚠️ Persona drift in stack ${stack}`,
    "",
    `${plural(report.personas.length, "persona")} of ${checked} differ${report.personas.length === 1 ? "s" : ""} between the program and Layers (\`pulumi preview --refresh\`).`,
    "",
  ];
  if (report.personas.length) {
    lines.push("| | persona | what differs |", "| --- | --- | --- |");
    for (const p of report.personas) lines.push(`| ${thumb(p, 40)} | ${title(p)}<br>${code(p.influencerId ?? p.resource)} | ${cell(summaryOf(p))} |`);
    lines.push("");
    for (const p of report.personas) lines.push(...personaSection(p));
  }
  if (report.otherChanges.length) {
    lines.push("### Other resources the preview would change", "", ...report.otherChanges.map((c) => `- ${code(c.op)} ${code(c.urn)}`), "");
  }
  lines.push(
    "**What to do:** run `pulumi up --refresh` on this stack to put the program's values back in Layers, " +
      "or copy the values from Layers into the program if the edit was intended.",
    "",
  );
  return lines.join("\n");
}

export function renderErrorMarkdown(stack: string, reason: string): string {
  return [`## ❌ Persona drift check failed for stack ${code(stack)}`, "", `The check could not run: ${cell(reason)}`, ""].join("\n");
}

/** The machine-readable form (`--json`); `version` changes only with an incompatible shape. */
export function renderJson(report: DriftReport | { stack: string; error: string }): string {
  if ("error" in report) return JSON.stringify({ version: 1, stack: report.stack, status: "error", reason: report.error }, null, 2);
  const { stack, drift, personas, unchanged, otherChanges } = report;
  return JSON.stringify({ version: 1, stack, status: drift ? "drift" : "no-drift", personas, unchanged, otherChanges }, null, 2);
}
