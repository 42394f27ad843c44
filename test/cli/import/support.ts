// Helpers for the layers-import tests: a project seeded with personas the import must handle,
// the command run in-process, and the generated program laid out as a Pulumi project
// directory that `tsc` (and, later, the real pulumi CLI) can run as it is:
//
//   <dir>/Pulumi.yaml      name + runtime nodejs (TypeScript through Pulumi's ts-node)
//   <dir>/package.json     private, depends on @pulumi/pulumi and pulumi-layers
//   <dir>/tsconfig.json    strict, CommonJS, like `pulumi new typescript`
//   <dir>/index.ts         the generated program (`layers-import --out <dir>/index.ts`)
//   <dir>/node_modules  -> this repository's node_modules (pulumi-layers is a self-link)
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { api, control, waitFor } from "../../emulator/support";
import type { RunningEmulator } from "../../../emulator";
import { runImport, type ImportOutcome } from "../../../cli/import/main";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface Seeded {
  projectId: string;
  /** Personas that must be declared, by id, with the name they were given. */
  ready: Map<string, string>;
  deleted: string;
  failed: string;
  training: string;
  /** The persona Layers auto-created with the project. */
  onboarding: string;
  withPersonality: string;
  withImages: string;
  mediaIds: string[];
}

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").toString("base64");

/** Creates a persona with `patch` applied once it is ready; returns its id. */
export async function createPersona(emu: RunningEmulator, projectId: string, patch: Record<string, unknown> = {}): Promise<string> {
  const a = api(emu);
  const created = await a.post(`/v1/projects/${projectId}/influencers`, {});
  if (created.status !== 202) throw new Error(`create: ${created.status} ${created.text}`);
  const id = created.body.influencerId as string;
  await waitFor(async () => ((await a.get(`/v1/influencers/${id}`)).body.status === "ready" ? true : undefined), 10_000, `persona ${id}`);
  if (Object.keys(patch).length) {
    const res = await a.patch(`/v1/influencers/${id}`, patch);
    if (res.status !== 200) throw new Error(`patch: ${res.status} ${res.text}`);
  }
  return id;
}

/**
 * A project as a team finds it: the onboarding persona, hand-made ones whose names clash
 * or are not identifiers, one with a personality, one with uploaded reference images, one
 * deleted, one whose generation failed, one still generating.
 */
export async function seedProject(emu: RunningEmulator): Promise<Seeded> {
  const a = api(emu);
  const c = control(emu);
  const project = await a.post("/v1/projects", { name: "Import test", appDescription: "A budgeting app for students" });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${project.text}`);
  const projectId = project.body.projectId as string;
  const onboarding = await waitFor(async () => {
    const list = await a.get(`/v1/projects/${projectId}/influencers`);
    const item = list.body.items[0];
    return item?.status === "ready" ? (item.influencerId as string) : undefined;
  }, 10_000, "onboarding persona");

  const ready = new Map<string, string>();
  const onboardingName = (await a.get(`/v1/influencers/${onboarding}`)).body.name as string;
  ready.set(onboarding, onboardingName);
  for (const name of ["Ava", "Ava", "ava!", "123 Start", "class", "Zoë \"Z\" O'Neil", "李娜"]) {
    ready.set(await createPersona(emu, projectId, { name }), name);
  }
  const withPersonality = await createPersona(emu, projectId, {
    name: "Noa",
    gender: "non_binary",
    ageRange: "25-34",
    brandVoice: "Plain words.\nNo \\ jargon, no \"hype\" */ ever.",
    ethnicity: null,
    language: "pt-BR",
    personality: { tone: "calm", traits: ["wry", "patient"], catchphrases: ["well then"], humor: "dry" },
  });
  ready.set(withPersonality, "Noa");
  const mediaIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const m = await a.post(`/v1/projects/${projectId}/media`, { dataBase64: PNG, contentType: "image/png" });
    if (m.status !== 201) throw new Error(`media: ${m.status} ${m.text}`);
    mediaIds.push(m.body.assetId);
  }
  const withImages = await createPersona(emu, projectId, { name: "Refs" });
  const bound = await a.post(`/v1/influencers/${withImages}/reference-images`, { assetIds: mediaIds });
  if (bound.status !== 200) throw new Error(`bind: ${bound.status} ${bound.text}`);
  ready.set(withImages, "Refs");

  const deleted = await createPersona(emu, projectId, { name: "Gone" });
  if ((await a.delete(`/v1/influencers/${deleted}`, { reason: "test" })).status !== 200) throw new Error("delete failed");

  await c.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-fail" } });
  const failedRes = await a.post(`/v1/projects/${projectId}/influencers`, {});
  const failed = failedRes.body.influencerId as string;
  await waitFor(async () => ((await a.get(`/v1/influencers/${failed}`)).body.status === "failed" ? true : undefined), 10_000, "failed persona");

  await c.fault({ method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-stuck" } });
  const training = (await a.post(`/v1/projects/${projectId}/influencers`, {})).body.influencerId as string;
  // pending for the first third of the job time, then training for good: settle it first so
  // every run of the command sees the same status
  await waitFor(async () => ((await a.get(`/v1/influencers/${training}`)).body.status === "training" ? true : undefined), 10_000, "training persona");

  return { projectId, ready, deleted, failed, training, onboarding, withPersonality, withImages, mediaIds };
}

export interface RunResult extends ImportOutcome {
  stdout: string;
  stderr: string;
}

/** Runs the command in this process with the emulator's key and URL in its environment. */
export async function runImportIn(argv: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const outcome = await runImport(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd });
  return { ...outcome, stdout, stderr };
}

export function emulatorEnv(emu: RunningEmulator, key = emu.apiKey): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LAYERS_API_KEY: key, LAYERS_BASE_URL: emu.url };
}

/** A fresh Pulumi project directory for a generated program (see the layout above). */
export function programDir(prefix = "layers-import-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: imported-personas\nruntime: nodejs\ndescription: Personas adopted by layers-import\n");
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "imported-personas", private: true, main: "index.ts", dependencies: { "@pulumi/pulumi": "^3.270.0", "pulumi-layers": "*" } }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module: "commonjs", moduleResolution: "node", skipLibCheck: true, types: ["node"] }, files: ["index.ts"] }, null, 2),
  );
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** `tsc --noEmit -p dir` through the TypeScript API: the diagnostics, formatted ("" when it compiles). */
export function typecheck(dir: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof import("typescript");
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => "\n" });
}
