// A model of what the Pulumi engine records and does on each `pulumi up`, for one resource
// at a time, driving the real provider host. It keeps the state the engine would keep:
// id + outputs + inputs per resource, created-but-failed resources (an error carrying
// ErrorResourceInitFailed), and old personas of a create-before-delete replacement that
// are still pending deletion. The step rules follow pkg/resource/deploy/step_generator.go:
// no state → create; state → diff; replaces → create the replacement, then delete the old
// one (or, with deleteBeforeReplace — the Influencer's default — delete it first); changes or
// init errors → update; not declared → delete. A plain `pulumi up`, no refresh.
import type { HostCallError, ProviderHost, Props } from "../support/host";

export interface Recorded {
  id: string;
  outputs: Props;
  inputs: Props;
  /** Created but failed to initialise: the next up updates it even without changes. */
  initFailed: boolean;
}

export interface StepFailure {
  resource: string;
  step: "check" | "create" | "update" | "delete" | "diff";
  message: string;
  initFailed: boolean;
}

export class EngineModel {
  readonly state = new Map<string, Recorded>();
  /** Old personas of a replacement whose delete has not succeeded yet. */
  readonly pendingDeletes = new Map<string, Recorded[]>();
  /** Every id the engine ever recorded (a persona no state ever knew is a stray). */
  readonly everRecorded = new Set<string>();
  readonly failures: StepFailure[] = [];
  /** Steps sent to the host. */
  steps = 0;

  constructor(
    private host: ProviderHost,
    private readonly urnOf: (name: string) => string,
    /** The resource option the program registers; the Influencer defaults it to true (provider/dynamic/influencer.ts). */
    private readonly deleteBeforeReplace: (name: string) => boolean = () => true,
  ) {}

  /** Points the model at another provider host (a restarted `pulumi up`). */
  useHost(host: ProviderHost): void {
    this.host = host;
  }

  /**
   * One `pulumi up` of resource `name`: `desired` are its engine inputs (with `__provider`),
   * undefined when the program no longer declares it. True when state now matches.
   */
  async up(name: string, desired: Props | undefined): Promise<boolean> {
    const urn = this.urnOf(name);
    for (const old of [...(this.pendingDeletes.get(name) ?? [])]) await this.deleteOld(name, urn, old);
    const rec = this.state.get(name);
    if (!desired) {
      if (rec && (await this.step(name, "delete", () => this.host.delete(rec.id, urn, rec.outputs, rec.inputs)))) this.state.delete(name);
      return this.converged(name, desired);
    }
    const checked = await this.step(name, "check", () => this.host.check(urn, rec?.inputs ?? {}, desired));
    if (!checked) return false;
    if (checked.failures.length) throw new Error(`check failed for ${name}: ${JSON.stringify(checked.failures)}`);
    const news = checked.inputs;
    if (!rec) {
      await this.create(name, urn, news);
    } else {
      const diff = await this.step(name, "diff", () => this.host.diff(rec.id, urn, rec.outputs, news, rec.inputs));
      if (!diff) return false;
      if (diff.replaces.length) await this.replace(name, urn, rec, news);
      else if (diff.changes === "DIFF_SOME" || rec.initFailed) await this.update(name, urn, rec, news);
    }
    return this.converged(name, desired);
  }

  /** `pulumi up --replace <urn>` (or a replaceOnChanges / trigger). */
  async forceReplace(name: string, desired: Props): Promise<boolean> {
    const urn = this.urnOf(name);
    const rec = this.state.get(name);
    if (!rec) return this.up(name, desired);
    const checked = await this.step(name, "check", () => this.host.check(urn, rec.inputs, desired));
    if (!checked) return false;
    await this.replace(name, urn, rec, checked.inputs);
    return this.converged(name, desired);
  }

  converged(name: string, desired: Props | undefined): boolean {
    if (this.pendingDeletes.get(name)?.length) return false;
    const rec = this.state.get(name);
    return desired ? !!rec && !rec.initFailed : !rec;
  }

  /** Every id the state references: live resources and pending deletes. */
  referencedIds(): Set<string> {
    const ids = new Set<string>();
    for (const r of this.state.values()) ids.add(r.id);
    for (const list of this.pendingDeletes.values()) for (const r of list) ids.add(r.id);
    return ids;
  }

  private record(name: string, rec: Recorded): void {
    this.state.set(name, rec);
    this.everRecorded.add(rec.id);
  }

  private async create(name: string, urn: string, news: Props): Promise<boolean> {
    const res = await this.step(name, "create", () => this.host.create(urn, news), (e) => {
      this.record(name, { id: e.id!, outputs: e.properties ?? {}, inputs: news, initFailed: true });
    });
    if (res) this.record(name, { id: res.id, outputs: res.properties, inputs: news, initFailed: false });
    return !!res;
  }

  private async update(name: string, urn: string, rec: Recorded, news: Props): Promise<void> {
    const res = await this.step(name, "update", () => this.host.update(rec.id, urn, rec.outputs, news, rec.inputs), (e) => {
      this.record(name, { id: rec.id, outputs: e.properties ?? rec.outputs, inputs: news, initFailed: true });
    });
    if (res) this.record(name, { id: rec.id, outputs: res.properties, inputs: news, initFailed: false });
  }

  /**
   * Delete-before-replace: delete the old persona, then create (a failed create leaves the
   * resource pending replacement: the next up creates it). Create-before-delete: create the
   * replacement; only once it exists does the old one become a pending delete.
   */
  private async replace(name: string, urn: string, old: Recorded, news: Props): Promise<void> {
    if (this.deleteBeforeReplace(name)) {
      if (!(await this.step(name, "delete", () => this.host.delete(old.id, urn, old.outputs, old.inputs)))) return;
      this.state.delete(name);
      await this.create(name, urn, news);
      return;
    }
    this.state.delete(name);
    const created = await this.create(name, urn, news);
    if (!created && !this.state.has(name)) {
      this.state.set(name, old); // nothing was made: the old resource stays as it was
      return;
    }
    this.pendingDeletes.set(name, [...(this.pendingDeletes.get(name) ?? []), old]);
    await this.deleteOld(name, urn, old);
  }

  private async deleteOld(name: string, urn: string, old: Recorded): Promise<void> {
    if (await this.step(name, "delete", () => this.host.delete(old.id, urn, old.outputs, old.inputs))) {
      this.pendingDeletes.set(name, (this.pendingDeletes.get(name) ?? []).filter((r) => r !== old));
    }
  }

  /** Runs one provider call; a failure is recorded (and handed to `onInitFailed` when it carries an id). */
  private async step<T>(
    name: string,
    step: StepFailure["step"],
    call: () => Promise<T>,
    onInitFailed?: (e: HostCallError) => void,
  ): Promise<T | undefined> {
    this.steps += 1;
    try {
      return (await call()) ?? (true as T);
    } catch (err) {
      const e = err as HostCallError;
      const initFailed = !!(e.initFailed && e.id);
      this.failures.push({ resource: name, step, message: e.details ?? e.message, initFailed });
      if (initFailed) onInitFailed?.(e);
      return undefined;
    }
  }
}
