// Formats the quickstart's `personas` stack output for the terminal.

export interface PersonaRow {
  influencerId?: string | null;
  name?: string | null;
  status?: string | null;
  thumbnailUrl?: string | null;
}

/** Lines to print for `pulumi stack output --json`'s object; explains when nothing is there. */
export function formatPersonas(outputs: Record<string, unknown>): string[] {
  const rows = outputs.personas;
  if (!Array.isArray(rows) || rows.length === 0) {
    return ["The stack has no `personas` output yet (did `pulumi up` finish?)."];
  }
  const cells = (rows as PersonaRow[]).map((r) => [
    r.influencerId ?? "-",
    r.name ?? "-",
    r.status ?? "-",
    r.thumbnailUrl ?? "-",
  ]);
  const header = ["ID", "NAME", "STATUS", "THUMBNAIL"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), ...cells.map(line)];
}
