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
}

export interface MigrationPlan {
  /** For `pulumi import --file`: the plugin Influencers to add. */
  imports: Array<{ type: string; name: string; id: string }>;
  /** Plugin Influencers to protect once imported: their dynamic twins were protected. */
  protect: string[];
  /** Dynamic Influencers to remove from state, dependents first (no provider is called). */
  forget: string[];
  /** Resources the command cannot move, with the reason. */
  refused: Array<{ urn: string; reason: string }>;
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

export function planMigration(resources: readonly StateResource[]): MigrationPlan {
  const live = resources.filter((r) => !r.delete);
  const pluginNames = new Set(live.filter((r) => r.type === PLUGIN_TYPE).map((r) => nameOf(r.urn)));
  const plan: MigrationPlan = { imports: [], protect: [], forget: [], refused: [] };
  for (const r of live.filter((x) => x.type === DYNAMIC_TYPE)) {
    if (r.parent && !r.parent.includes("::pulumi:pulumi:Stack::")) {
      plan.refused.push({ urn: r.urn, reason: "it has a parent resource; move it by hand (docs/plugin.md)" });
      continue;
    }
    if (!r.id) {
      plan.refused.push({ urn: r.urn, reason: "it has no id in state (a create that never finished); run pulumi up first" });
      continue;
    }
    const name = nameOf(r.urn);
    if (!pluginNames.has(name)) plan.imports.push({ type: PLUGIN_TYPE, name, id: r.id });
    if (r.protect) plan.protect.push(r.urn.replace(`::${DYNAMIC_TYPE}::`, `::${PLUGIN_TYPE}::`));
    plan.forget.push(r.urn);
  }
  // State lists a resource after what it depends on: forgetting in reverse order removes dependents first.
  plan.forget.reverse();
  return plan;
}
