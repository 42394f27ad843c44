// Command-line flags of `layers-import`. Both `--flag value` and `--flag=value` work. Every
// check here runs before any API call.

export interface ImportOptions {
  projectId: string;
  /** Output file; stdout when undefined. */
  out?: string;
  /** Read layers:apiKey / layers:baseUrl from this stack's config (needs the pulumi CLI). */
  stack?: string;
  /** Listing filter. */
  status?: string;
  pageSize: number;
  help: boolean;
}

export const STATUSES = ["pending", "training", "ready", "failed"] as const;
export const DEFAULT_PAGE_SIZE = 100;

export const USAGE = `Usage: layers-import --project PROJECT_ID [options]

Writes a Pulumi program (TypeScript) that declares every persona of a Layers project as a
layers.Influencer with adoptId, each field at its current value. \`pulumi up\` on it adopts
the personas without changing them on Layers.

  --project ID       the Layers project (UUID)                                  (required)
  --out FILE         write the program to FILE (e.g. my-stack/index.ts); default: stdout
  --stack NAME       read layers:apiKey and layers:baseUrl from this stack's config
                     (run in the Pulumi project's directory; needs the pulumi CLI)
  --status STATUS    list only personas with this status: ${STATUSES.join(", ")}
  --page-size N      personas per listing request, 1-100 (default ${DEFAULT_PAGE_SIZE})
  -h, --help         this text

Without --stack the key and URL come from LAYERS_API_KEY and LAYERS_BASE_URL
(default https://api.layers.com).`;

export class UsageError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseArgs(argv: readonly string[]): ImportOptions {
  const o: Partial<ImportOptions> & { pageSize: number; help: boolean } = { pageSize: DEFAULT_PAGE_SIZE, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      o.help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "" || (eq < 0 && v.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--project": o.projectId = value(); break;
      case "--out": o.out = value(); break;
      case "--stack": o.stack = value(); break;
      case "--status": o.status = value(); break;
      case "--page-size": o.pageSize = pageSize(value()); break;
      default: throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  if (o.help) return { ...o, projectId: o.projectId ?? "" };
  if (o.projectId === undefined) throw new UsageError("--project is required: the id (UUID) of the Layers project to import");
  if (!UUID.test(o.projectId)) throw new UsageError(`--project must be a Layers project id (a UUID), got ${JSON.stringify(o.projectId)}`);
  if (o.status !== undefined && !(STATUSES as readonly string[]).includes(o.status)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got ${JSON.stringify(o.status)}`);
  }
  // UUIDs are case-insensitive; Layers writes them in lower case and compares them as text.
  return { ...o, projectId: o.projectId.toLowerCase() } as ImportOptions;
}

function pageSize(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 100) throw new UsageError(`--page-size must be a whole number from 1 to 100, got ${JSON.stringify(v)}`);
  return n;
}
