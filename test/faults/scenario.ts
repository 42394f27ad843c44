// The fault suite's run: logical resources whose declared state changes (create, update,
// delete) round after round while fault rules are installed, all driven through one real
// provider host at Pulumi-like concurrency. A resource whose `up` fails is run again in the
// next round ("the next pulumi up"), under that round's faults, until it converges or its
// attempts run out; healthy runs at the end give every resource a last chance.
import type { Props } from "../support/host";
import { influencerInputs, urn } from "../provider/support";
import type { EmulatorRow } from "../reliability/support";
import { audit, type Audit } from "./audit";
import { EngineModel } from "./engine";
import type { FaultRig } from "./rig";
import { ROUNDS, type OpKind } from "./rounds";

export interface SuiteSize {
  resources: number;
  operations: number;
  concurrency: number;
  /** Runs of one resource's `up` before the suite gives up on it (healthy final runs not counted). */
  maxAttempts: number;
  /** Multiplies each fault rule's `times`, so a round's faults fit its number of operations. */
  faultScale: number;
}

export const SIZES: Record<"small" | "full", SuiteSize> = {
  small: { resources: 16, operations: 40, concurrency: 16, maxAttempts: 6, faultScale: 0.5 },
  full: { resources: 64, operations: 240, concurrency: 16, maxAttempts: 6, faultScale: 2 },
};

interface Resource {
  name: string;
  prompt: string;
  exists: boolean;
  inputs?: Props;
  version: number;
  pending: boolean;
  attempts: number;
  /** A `pulumi up --replace` not yet carried out. */
  replace: boolean;
}

export interface SuiteResult {
  operations: number;
  audit: Audit;
  unconverged: string[];
  engine: EngineModel;
}

const STYLES = ["denim", "linen", "streetwear", "tailored", "vintage", "athleisure"];
const VIBES = ["calm", "bold", "playful", "moody", "warm"];

/** Small deterministic PRNG (mulberry32) so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

export async function runFaultSuite(
  rig: FaultRig,
  size: SuiteSize,
  seed: number,
  log: (line: string) => void = () => undefined,
): Promise<SuiteResult> {
  const random = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const engine = new EngineModel(rig.host, urn);
  const resources: Resource[] = Array.from({ length: size.resources }, (_, i) => ({
    name: `fs${i}`,
    prompt: `fault-suite r${i}`,
    exists: false,
    version: 0,
    pending: false,
    attempts: 0,
    replace: false,
  }));
  let operations = 0;

  const declare = async (r: Resource) => {
    r.version += 1;
    r.inputs = (
      await influencerInputs(r.name, {
        projectId: rig.projectId,
        prompt: r.prompt,
        name: `${r.name} v${r.version}`,
        style: pick(STYLES),
        vibe: pick(VIBES),
        jobTimeoutSeconds: 3, // stuck generations time out quickly
      })
    ).inputs;
  };

  /** Changes one resource's declaration; false when no resource fits `kind`. */
  const operate = async (kind: OpKind, busy: Set<Resource>): Promise<boolean> => {
    const free = resources.filter((r) => !r.pending && !busy.has(r));
    const fits = free.filter((r) => (kind === "create" ? !r.exists : r.exists && engine.state.has(r.name)));
    if (!fits.length) return false;
    const r = pick(fits);
    if (kind === "delete") r.exists = false;
    else if (kind === "replace") r.replace = true;
    else {
      r.exists = true;
      await declare(r);
    }
    r.pending = true;
    r.attempts = 0;
    busy.add(r);
    operations += 1;
    return true;
  };

  const run = async (r: Resource) => {
    r.attempts += 1;
    if (r.replace && r.exists) {
      const before = engine.state.get(r.name)?.id;
      const ok = await engine.forceReplace(r.name, r.inputs!);
      if (engine.state.get(r.name)?.id !== before) r.replace = false; // the old persona is gone: no replace left to do
      if (ok && !r.replace) r.pending = false;
      return;
    }
    r.replace = false;
    if (await engine.up(r.name, r.exists ? r.inputs : undefined)) r.pending = false;
  };

  for (const [index, round] of ROUNDS.entries()) {
    const began = Date.now();
    for (const rule of round.rules) {
      const times = Math.max(1, Math.round((rule.times ?? 1) * size.faultScale));
      await rig.control.fault({ ...rule, times });
    }
    const busy = new Set<Resource>();
    const perRound = Math.ceil((size.operations - operations) / (ROUNDS.length - index));
    const want = round.name === "warm-up" ? Math.max(perRound, Math.ceil(size.resources / 2)) : perRound;
    for (let i = 0, misses = 0; i < want && misses < 20; ) {
      const weights: OpKind[] = ["create", "create", "update", "update", "update", "delete", "replace"];
      if ((await operate(pick(weights.filter((k) => round.kinds.includes(k))), busy))) i++;
      else misses++;
    }
    const work = resources.filter((r) => r.pending && r.attempts < size.maxAttempts);
    // The restart starts once half of the round's resources are under way, so requests are in flight.
    let restart: Promise<void> | undefined;
    let started = 0;
    await pool(work, size.concurrency, async (r) => {
      started += 1;
      if (round.restart && !restart && started >= work.length / 2) {
        restart = new Promise((resolve) => setTimeout(resolve, 50)).then(() => rig.restartEmulator());
      }
      await run(r);
    });
    await restart;
    const unused = await rig.control.faultsLeft();
    await rig.control.clearFaults();
    if (round.removesStuck) operations += await removeStuck(rig, resources, engine);
    log(`${round.name}: ${busy.size} new operations, ${work.length} resources run, ${Date.now() - began} ms, ${resources.filter((r) => r.pending).length} pending, ${unused} fault uses left unused`);
  }

  // Healthy runs: the network is fine again and the user runs pulumi up.
  for (let pass = 0; pass < 3; pass++) {
    const started = Date.now();
    const work = resources.filter((r) => r.pending);
    await pool(work, size.concurrency, run);
    log(`healthy run ${pass + 1}: ${work.length} resources run, ${Date.now() - started} ms`);
  }

  const rows = (await rig.control.state()).influencers as EmulatorRow[];
  const result = audit(rows.filter((row) => String(row.prompt).startsWith("fault-suite ")), engine, resources);
  return { operations, audit: result, unconverged: resources.filter((r) => r.pending).map((r) => r.name), engine };
}

/**
 * A generation the API never finishes cannot be waited out; the user removes the resource
 * from the program. Returns how many such delete operations were added.
 */
async function removeStuck(rig: FaultRig, resources: Resource[], engine: EngineModel): Promise<number> {
  const state = await rig.control.state();
  const stuckIds = new Set(state.jobs.filter((j) => j.outcome === "stuck").map((j) => String(j.influencerId)));
  const prompts = new Set((state.influencers as EmulatorRow[]).filter((row) => stuckIds.has(row.influencerId) && !row.deletedAt).map((row) => row.prompt));
  let added = 0;
  for (const r of resources) {
    if (r.exists && prompts.has(r.prompt) && engine.state.has(r.name)) {
      r.exists = false;
      r.pending = true;
      r.attempts = 0;
      added += 1;
    }
  }
  return added;
}
