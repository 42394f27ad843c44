// Runs `pulumi preview --refresh` on an existing stack through the Automation API and hands
// back the engine events. Anything that stops the check becomes a CheckError whose message
// is one line saying why, with every secret of the stack's config taken out.
import type { EngineEvent } from "./report";

export class CheckError extends Error {
  constructor(
    message: string,
    /** The engine events seen before the failure (for --events). */
    readonly events: EngineEvent[] = [],
    /** Secret values known when it failed: to hide from those events. */
    readonly secrets: string[] = [],
  ) {
    super(message);
  }
}

export interface PreviewRequest {
  stack: string;
  /** The Pulumi project directory (holding Pulumi.yaml). */
  cwd: string;
}

export interface PreviewOutcome {
  events: EngineEvent[];
  /** Values to hide from anything printed: the stack's secret config and LAYERS_API_KEY. */
  secrets: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Replaces every secret value in `text`. Short values are left alone (they would blank common words). */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s.length >= 6) out = out.split(s).join("[secret]");
  // A Layers key that reached a message some other way (never expected) is hidden too.
  return out.replace(/\blyr_[A-Za-z0-9_]{6,}/g, "[secret]");
}

/** Whole lines that say only that something failed, not what. */
const GENERIC = /^(error:\s*)?(preview failed|update failed|refresh failed|an error occurred|one or more errors occurred)[.:]?$/i;
/** Prefixes the engine and the dynamic provider host put before the real message. */
const PREFIX = /^(error:\s*)?(preview failed:\s*|update failed:\s*|refresh failed:\s*)?/i;

/**
 * The one line that says why a preview failed: the first specific error the engine reported,
 * else the first specific `error:` line of the CLI's output, else its last line.
 */
export function failureReason(events: EngineEvent[], output: string): string {
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 600);
  for (const e of events) {
    const d = e.diagnosticEvent;
    if (!d || d.severity !== "error") continue;
    const lines = d.message.replace(ANSI, "").split("\n").map((l) => l.trim()).filter((l) => l && !GENERIC.test(l));
    if (lines.length) return oneLine(lines.join(" ").replace(PREFIX, ""));
  }
  const lines = output.replace(ANSI, "").split("\n").map((l) => l.trim()).filter(Boolean);
  const specific = lines.find((l) => /^error:/i.test(l) && !GENERIC.test(l));
  if (specific) return oneLine(specific.replace(PREFIX, ""));
  return oneLine(lines.pop() ?? "pulumi preview failed without saying why");
}

export async function runPreview(req: PreviewRequest): Promise<PreviewOutcome> {
  // Loaded here: `--help` and argument errors should not pay for loading the Automation API.
  const auto = await import("@pulumi/pulumi/automation");
  let pulumiCommand;
  try {
    pulumiCommand = await auto.PulumiCommand.get();
  } catch (e) {
    const message = String((e as Error).message);
    if (/ENOENT/.test(message)) {
      throw new CheckError("the Pulumi CLI (`pulumi`) is not on PATH: install it (https://www.pulumi.com/docs/install/) and run again");
    }
    const detail = message.split("\n").map((l) => l.trim()).find((l) => l && !/^(code|stdout|stderr):\s*-?\d*$/.test(l));
    throw new CheckError(`the Pulumi CLI is not usable: ${detail ?? "unknown error"}`);
  }
  const secrets = process.env.LAYERS_API_KEY ? [process.env.LAYERS_API_KEY] : [];
  let stack;
  try {
    stack = await auto.LocalWorkspace.selectStack({ stackName: req.stack, workDir: req.cwd }, { pulumiCommand });
  } catch (e) {
    if (e instanceof auto.StackNotFoundError) throw new CheckError(`stack "${req.stack}" does not exist in ${req.cwd} (see \`pulumi stack ls\`)`);
    throw new CheckError(`cannot select stack "${req.stack}" in ${req.cwd}: ${firstLine(stderrOf(e))}`);
  }
  try {
    for (const v of Object.values(await stack.getAllConfig())) if (v.secret && typeof v.value === "string") secrets.push(v.value);
  } catch (e) {
    throw new CheckError(redact(`cannot read the stack's config: ${firstLine(stderrOf(e))}`, secrets));
  }
  const events: EngineEvent[] = [];
  try {
    await stack.preview({ refresh: true, diff: true, onEvent: (e) => events.push(e as EngineEvent) });
  } catch (e) {
    throw new CheckError(redact(failureReason(events, outputOf(e)), secrets), events, secrets);
  }
  return { events, secrets };
}

/** Everything the CLI printed (a CommandError's message holds stdout and stderr). */
function outputOf(e: unknown): string {
  const err = e as { commandResult?: { stdout?: string; stderr?: string }; message?: string };
  return [err.commandResult?.stdout, err.commandResult?.stderr, err.message].filter(Boolean).join("\n");
}

function stderrOf(e: unknown): string {
  const err = e as { stderr?: string; commandResult?: { stderr?: string }; message?: string };
  return err.commandResult?.stderr || err.stderr || err.message || String(e);
}

function firstLine(text: string): string {
  const lines = text.replace(ANSI, "").split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^error:/i.test(l)) ?? lines[0] ?? "unknown error").replace(/^error:\s*/i, "");
}
