// Small numeric helpers for the provider benchmark: summaries that stay readable on noisy machines.

export interface Summary {
  n: number;
  median: number;
  max: number;
  min: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: NaN, max: NaN, min: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, median, max: sorted[sorted.length - 1], min: sorted[0] };
}

/** Rounds to `digits` decimals (ratios), or to whole numbers by default (ms, counts). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Counts of each label, in first-seen order. */
export function tally(labels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of labels) out[l] = (out[l] ?? 0) + 1;
  return out;
}

export const ms = (t0: number) => Date.now() - t0;
