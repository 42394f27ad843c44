// Starting and stopping the real dynamic provider host process, the way the engine does.
//
// The engine runs the plugin `pulumi-resource-pulumi-nodejs` (shipped in @pulumi/pulumi)
// with cwd = the program directory and one argument, its own gRPC address. That script runs
// `node $(node -e "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")`, i.e. the SDK
// resolved from the program directory. The host binds 127.0.0.1:0 and prints the port as the
// first stdout line; everything after that on stdout/stderr is diagnostics.
// Environment added by the engine: PULUMI_NODEJS_PROJECT, PULUMI_PROJECT and, for dynamic
// providers, PULUMI_CONFIG with the whole stack config (namespaced keys). The stack name is
// NOT passed: inside the host, pulumi.getStack() returns the default "stack".
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

export interface SpawnOptions {
    cwd: string;
    env?: NodeJS.ProcessEnv;
    /** Project name the engine would pass (PULUMI_NODEJS_PROJECT). Default "layers-test". */
    project?: string;
    /** Stack config as the engine passes it in PULUMI_CONFIG (namespaced keys). */
    config?: Record<string, string>;
    /** Explicit host script; default: resolved from cwd like the plugin script does. */
    hostScript?: string;
    /** How long to wait for the port line. Default 30 s. */
    startTimeoutMs?: number;
}

export interface SpawnedHost {
    child: ChildProcess;
    port: number;
    /** All output after the port line, stdout and stderr interleaved. */
    output: () => string;
    stdout: () => string;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

// Last line of defence: whatever a test forgot, kill its hosts when the runner exits.
function installExitHook(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    process.on("exit", () => {
        for (const c of live) {
            try {
                c.kill("SIGKILL");
            } catch {
                /* already gone */
            }
        }
    });
}

/** Hosts started by this process and not yet exited. */
export function liveHostCount(): number {
    return live.size;
}

/** The host entry point the engine's plugin script would run from `cwd`. */
export function resolveHostScript(cwd: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [cwd] });
    } catch {
        // The program directory has no SDK of its own: fall back to the repo's copy.
        return require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    }
}

function buildEnv(opts: SpawnOptions): NodeJS.ProcessEnv {
    const project = opts.project ?? "layers-test";
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_NODEJS_PROJECT: project,
        PULUMI_PROJECT: project,
    };
    if (opts.config) env.PULUMI_CONFIG = JSON.stringify(opts.config);
    for (const [k, v] of Object.entries(opts.env ?? {})) {
        if (v === undefined) delete env[k];
        else env[k] = v;
    }
    return env;
}

export function spawnHost(opts: SpawnOptions): Promise<SpawnedHost> {
    installExitHook();
    const script = opts.hostScript ?? resolveHostScript(opts.cwd);
    const watchdog = path.join(__dirname, "watchdog.js");
    // The argument is the engine address; the host only checks that one is present.
    const child = spawn(process.execPath, ["--require", watchdog, script, "127.0.0.1:1"], {
        cwd: opts.cwd,
        env: buildEnv(opts),
        stdio: ["pipe", "pipe", "pipe"],
    });
    live.add(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        child.once("exit", (code, signal) => {
            live.delete(child);
            resolve({ code, signal });
        });
    });

    let out = "";
    let stdoutText = "";
    let portLine: string | undefined;
    let pending = "";
    child.stderr!.setEncoding("utf8");
    child.stdout!.setEncoding("utf8");
    child.stderr!.on("data", (d: string) => (out += d));

    return new Promise<SpawnedHost>((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`dynamic provider host did not print its port within timeout; output:\n${out}`));
        }, opts.startTimeoutMs ?? 30_000);
        child.once("error", (e) => {
            clearTimeout(timer);
            reject(e);
        });
        void exited.then(({ code, signal }) => {
            clearTimeout(timer);
            if (portLine === undefined) {
                reject(new Error(`dynamic provider host exited (${code ?? signal}) before listening:\n${out}`));
            }
        });
        child.stdout!.on("data", (d: string) => {
            if (portLine !== undefined) {
                stdoutText += d;
                out += d;
                return;
            }
            pending += d;
            const nl = pending.indexOf("\n");
            if (nl < 0) return;
            portLine = pending.slice(0, nl).trim();
            const rest = pending.slice(nl + 1);
            stdoutText += rest;
            out += rest;
            clearTimeout(timer);
            const port = Number(portLine);
            if (!Number.isInteger(port) || port <= 0) {
                child.kill("SIGKILL");
                reject(new Error(`unexpected first line from host: ${JSON.stringify(portLine)}`));
                return;
            }
            resolve({ child, port, output: () => out, stdout: () => stdoutText, exited });
        });
    });
}

/** Sends `signal` and waits for the exit; escalates to SIGKILL after `graceMs`. */
export async function stopHost(host: SpawnedHost, signal: NodeJS.Signals, graceMs = 5_000): Promise<void> {
    const { child } = host;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await host.exited;
    clearTimeout(timer);
}
