// Command-line flags of `layers-emulator`. Both `--flag value` and `--flag=value` work.

export interface CliOptions {
  host: string;
  port: number;
  apiKey?: string;
  dataFile?: string;
  jobMs?: number;
  rateLimit?: number;
  rateLimitHeaders: boolean;
  publicUrl?: string;
  logger: boolean;
  help: boolean;
}

export const USAGE = `Usage: layers-emulator [options]

  --host HOST          interface to listen on (default 127.0.0.1)
  --port PORT          port (default 4010; 0 picks a free one)
  --api-key KEY        key of the default org, every scope (default lyr_test_emulator)
  --data FILE          keep state in FILE (atomic writes); default: memory only
  --job-ms MS          how long a create/clone job takes (default 1500)
  --rate-limit N       requests per second per key (default 0 = off)
  --rate-limit-headers state that limit in RateLimit-Policy / RateLimit headers
  --public-url URL     base of the media URLs in records (default: from the Host header)
  --log                log every request (Fastify logger)
  -h, --help           this text`;

export class UsageError extends Error {}

function num(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < min) throw new UsageError(`${flag} needs a number >= ${min}, got "${v}"`);
  return n;
}

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { host: "127.0.0.1", port: 4010, rateLimitHeaders: false, logger: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      o.help = true;
      continue;
    }
    if (arg === "--log") {
      o.logger = true;
      continue;
    }
    if (arg === "--rate-limit-headers") {
      o.rateLimitHeaders = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--host": o.host = value(); break;
      case "--port": {
        o.port = num(flag, value(), 0);
        if (!Number.isInteger(o.port) || o.port > 65535) throw new UsageError("--port must be an integer from 0 to 65535");
        break;
      }
      case "--api-key": o.apiKey = value(); break;
      case "--data": o.dataFile = value(); break;
      case "--job-ms": o.jobMs = Math.round(num(flag, value(), 0)); break;
      case "--rate-limit": o.rateLimit = num(flag, value(), 0); break;
      case "--public-url": o.publicUrl = value(); break;
      default: throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (o.apiKey !== undefined && !/^[\x21-\x7e]{8,}$/.test(o.apiKey)) throw new UsageError("--api-key must be at least 8 visible ASCII characters");
  return o;
}
