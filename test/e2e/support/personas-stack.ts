// A stack of the e2e personas program (test/e2e/programs/personas) on a fresh local
// backend, wired to an emulator. The personas it declares are stack config, so each test
// states the program it runs in one object.
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import * as path from "path";
import type { EmulatorHandle } from "../../../scripts/emulator-handle";
import { pulumi, REPO_ROOT, stackEnv, tempBackend } from "./cli";

export const PERSONAS_PROGRAM = path.join(REPO_ROOT, "test", "e2e", "programs", "personas");

export interface Declaration {
  args?: Record<string, unknown>;
  protect?: boolean;
  getId?: string;
}

export interface PersonaOutput {
  influencerId: string;
  name: string | null;
  status: string;
  style: string | null;
}

export class PersonasStack {
  private constructor(
    readonly stack: Stack,
    readonly name: string,
    private readonly backend: ReturnType<typeof tempBackend>,
  ) {}

  static async create(label: string, emulator: EmulatorHandle, personas: Record<string, Declaration>): Promise<PersonasStack> {
    const backend = tempBackend(label);
    const name = `${label}-${process.pid}`;
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: PERSONAS_PROGRAM }, { envVars: stackEnv(backend.url) });
    await stack.setAllConfig({
      "layers:baseUrl": { value: emulator.url },
      "layers:apiKey": { value: emulator.apiKey, secret: true },
      "e2e:projectId": { value: emulator.projectId },
    });
    const s = new PersonasStack(stack, name, backend);
    await s.declare(personas);
    return s;
  }

  get backendUrl(): string {
    return this.backend.url;
  }

  async declare(personas: Record<string, Declaration>): Promise<void> {
    await this.stack.setConfig("e2e:personas", { value: JSON.stringify(personas) });
  }

  async setApiKey(key: string): Promise<void> {
    await this.stack.setConfig("layers:apiKey", { value: key, secret: true });
  }

  async outputs(): Promise<Record<string, PersonaOutput>> {
    return ((await this.stack.outputs()).personas?.value ?? {}) as Record<string, PersonaOutput>;
  }

  /** The Influencer resources in the stack's state: name → { id, initErrors }. */
  async stateInfluencers(): Promise<Record<string, { id: string; initErrors?: string[] }>> {
    const deployment = (await this.stack.exportStack()).deployment as { resources?: Array<{ urn: string; type: string; id: string; initErrors?: string[] }> };
    const rows = (deployment.resources ?? []).filter((r) => r.type === "pulumi-nodejs:dynamic/layers:Influencer");
    return Object.fromEntries(rows.map((r) => [r.urn.split("::").pop()!, { id: r.id, initErrors: r.initErrors }]));
  }

  urn(resource: string): string {
    return `urn:pulumi:${this.name}::e2e::pulumi-nodejs:dynamic/layers:Influencer::${resource}`;
  }

  /** The CLI itself, in the program directory, on this stack's backend. */
  cli(args: string[]) {
    return pulumi([...args, "--stack", this.name], PERSONAS_PROGRAM, this.backend.url);
  }

  /** Destroys what is left (a failed test), removes the stack and its backend. */
  async dispose(apiKey: string): Promise<void> {
    await this.setApiKey(apiKey).catch(() => undefined);
    await this.stack.destroy().catch(() => undefined);
    await this.stack.workspace.removeStack(this.name).catch(() => undefined);
    this.backend.dispose();
  }
}
