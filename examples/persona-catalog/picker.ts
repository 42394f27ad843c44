// Round-robin persona picking for content briefs. Layers does not rotate personas for
// you: the caller decides who fronts each piece of content. The cursor is a plain number
// so a caller can persist it (a file, a database row) and continue the rotation next run.

export class RoundRobinPicker<T> {
  private position: number;

  constructor(
    private readonly items: readonly T[],
    cursor = 0,
  ) {
    if (items.length === 0) throw new Error("RoundRobinPicker needs at least one item");
    this.position = ((Math.trunc(cursor) % items.length) + items.length) % items.length;
  }

  /** Where the next pick starts; save it to resume the rotation later. */
  get cursor(): number {
    return this.position;
  }

  /**
   * The next item in turn that `accept` allows (e.g. only personas whose status is
   * `ready`); skipped items keep their place in the rotation.
   */
  next(accept: (item: T) => boolean = () => true): T {
    for (let tried = 0; tried < this.items.length; tried++) {
      const item = this.items[this.position];
      this.position = (this.position + 1) % this.items.length;
      if (accept(item)) return item;
    }
    throw new Error("no item is eligible for picking");
  }
}

export interface Assignment<B, P> {
  brief: B;
  persona: P;
}

/** Hands each brief to the next eligible persona in turn; returns the cursor to resume from. */
export function assignBriefs<B, P>(
  briefs: readonly B[],
  personas: readonly P[],
  opts: { cursor?: number; accept?: (persona: P) => boolean } = {},
): { assignments: Assignment<B, P>[]; cursor: number } {
  const picker = new RoundRobinPicker(personas, opts.cursor);
  const assignments = briefs.map((brief) => ({ brief, persona: picker.next(opts.accept) }));
  return { assignments, cursor: picker.cursor };
}
