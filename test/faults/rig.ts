// One emulator persisted to a --data file, restartable on the same port, and one real
// provider host configured against it. The host keeps its base URL across a restart, like a
// `pulumi up` running while the API is redeployed.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { ProviderHost } from "../support/host";
import axios from "axios";
import { controlClient } from "../provider/support";

/** The control API plus what the suite needs beyond the shared client. */
function faultControl(url: string) {
  return {
    ...controlClient(url),
    /** Uses left on the installed fault rules (rules disappear when used up). */
    async faultsLeft(): Promise<number> {
      const res = await axios.get(`${url}/_emulator/faults`);
      return (res.data.faults as { remaining: number }[]).reduce((n, r) => n + r.remaining, 0);
    },
  };
}
import { startHost } from "../reliability/support";

export class FaultRig {
  private constructor(
    public emulator: RunningEmulator,
    readonly host: ProviderHost,
    readonly control: ReturnType<typeof faultControl>,
    readonly dataFile: string,
    private readonly jobMs: number,
    private readonly dir: string,
  ) {}

  static async start(opts: { jobMs: number; callTimeoutMs?: number }): Promise<FaultRig> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-faults-"));
    const dataFile = path.join(dir, "state.json");
    const emulator = await startEmulator({ port: 0, jobMs: opts.jobMs, dataFile });
    try {
      const host = await startHost(emulator.url, emulator.apiKey, { callTimeoutMs: opts.callTimeoutMs ?? 300_000 });
      return new FaultRig(emulator, host, faultControl(emulator.url), dataFile, opts.jobMs, dir);
    } catch (e) {
      await emulator.close();
      throw e;
    }
  }

  get projectId(): string {
    return this.emulator.projectId;
  }

  /** Close the emulator (in-flight requests finish, the data file is flushed) and start it again on the same port. */
  async restartEmulator(): Promise<void> {
    const port = Number(new URL(this.emulator.url).port);
    await this.emulator.close();
    this.emulator = await startEmulator({ port, jobMs: this.jobMs, dataFile: this.dataFile });
  }

  async close(): Promise<void> {
    await this.host.close().catch(() => undefined);
    await this.emulator.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
