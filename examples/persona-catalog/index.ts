// Personas from a catalog file: add a persona by adding an entry to personas.yaml.
// A bad entry stops the program before any API call, with `file:line:col` for each problem.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as layers from "pulumi-layers";
import { CatalogError, loadCatalog, type Catalog } from "./catalog";
import { assignBriefs } from "./picker";

const config = new pulumi.Config(); // persona-catalog:projectId, persona-catalog:file
const projectId = config.require("projectId");
const file = config.get("file") ?? "personas.yaml";

function load(): Catalog {
  try {
    return loadCatalog(path.resolve(__dirname, file), file);
  } catch (e) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    if (e instanceof CatalogError) throw new pulumi.RunError(`invalid persona catalog:\n${e.message}`);
    throw e;
  }
}

const catalog = load();
const personas = catalog.personas.map((entry) => ({
  key: entry.key,
  resource: new layers.Influencer(entry.key, { projectId, ...entry.fields }),
}));

/** Persona id by catalog key. */
export const influencerIds = Object.fromEntries(personas.map((p) => [p.key, p.resource.influencerId]));

/** Who fronts which brief: the catalog's briefs handed out in turn, in catalog order. */
export const briefAssignments = assignBriefs(catalog.briefs, personas).assignments.map((a) => ({
  brief: a.brief,
  persona: a.persona.key,
  influencerId: a.persona.resource.influencerId,
}));
