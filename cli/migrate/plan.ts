// What moving a stack from the dynamic Influencer to the plugin's does, decided from the
// stack's state alone: which personas to import as plugin Influencers (same names, same
// ids), and which dynamic twins to forget afterwards. Pure, so a re-run after an
// interruption plans only what is left.

export const DYNAMIC_TYPE = "pulumi-nodejs:dynamic/layers:Influencer";
export const PLUGIN_TYPE = "layers:index:Influencer";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  parent?: string;
  protect?: boolean;
  delete?: boolean;
  retainOnDelete?: boolean;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

export interface MigrationPlan {
  /** For `pulumi import --file`: the plugin Influencers to add. */
  imports: Array<{ type: string; name: string; id: string }>;
  /** Plugin Influencers to protect once imported: their dynamic twins were protected. */
  protect: string[];
  /** Dynamic Influencers to remove from state, dependents first (no provider is called). */
  forget: string[];
  /** Why the command cannot move this stack (it then changes nothing). */
  refused: Array<{ urn: string; reason: string }>;
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

const dependsOn = (r: StateResource) => [...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat(), ...(r.parent ? [r.parent] : [])];

export function planMigration(resources: readonly StateResource[]): MigrationPlan {
  const live = resources.filter((r) => !r.delete);
  const pluginIds = new Map(live.filter((r) => r.type === PLUGIN_TYPE).map((r) => [nameOf(r.urn), r.id]));
  const dynamic = live.filter((x) => x.type === DYNAMIC_TYPE);
  const dynamicUrns = new Set(dynamic.map((r) => r.urn));
  const plan: MigrationPlan = { imports: [], protect: [], forget: [], refused: [] };
  // Forgetting a resource another depends on would leave that one pointing at nothing.
  for (const r of live.filter((x) => !dynamicUrns.has(x.urn))) {
    for (const urn of dependsOn(r).filter((u) => dynamicUrns.has(u))) {
      plan.refused.push({ urn, reason: `${r.urn} depends on it; move that dependency by hand first (docs/plugin.md)` });
    }
  }
  for (const r of dynamic) {
    if (r.parent && !r.parent.includes("::pulumi:pulumi:Stack::")) {
      plan.refused.push({ urn: r.urn, reason: "it has a parent resource; move it by hand (docs/plugin.md)" });
      continue;
    }
    if (!r.id) {
      plan.refused.push({ urn: r.urn, reason: "it has no id in state (a create that never finished); run pulumi up first" });
      continue;
    }
    const name = nameOf(r.urn);
    const twin = pluginIds.get(name);
    if (twin !== undefined && twin !== r.id) {
      plan.refused.push({ urn: r.urn, reason: `a layers:index:Influencer named ${name} already manages another persona (${twin}); rename one of them first` });
      continue;
    }
    if (twin === undefined) plan.imports.push({ type: PLUGIN_TYPE, name, id: r.id });
    if (r.protect) plan.protect.push(r.urn.replace(`::${DYNAMIC_TYPE}::`, `::${PLUGIN_TYPE}::`));
    plan.forget.push(r.urn);
  }
  // State lists a resource after what it depends on: forgetting in reverse order removes dependents first.
  plan.forget.reverse();
  return plan;
}

/**
 * The exported deployment with each Influencer about to be forgotten marked retainOnDelete:
 * should a `pulumi up` run before it is forgotten (the program declares it no more), the
 * engine drops it from state instead of deleting the persona its plugin twin manages.
 * Undefined when every one is marked already.
 */
export function retained(exported: { deployment: { resources?: StateResource[] } }, plan: MigrationPlan): unknown {
  const forget = new Set(plan.forget);
  const resources = exported.deployment.resources ?? [];
  if (resources.every((r) => !forget.has(r.urn) || r.retainOnDelete)) return undefined;
  return { ...exported, deployment: { ...exported.deployment, resources: resources.map((r) => (forget.has(r.urn) ? { ...r, retainOnDelete: true } : r)) } };
}
