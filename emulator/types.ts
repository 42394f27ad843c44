// The emulator's stored state. Everything here is plain JSON (timestamps are epoch ms) so
// that the whole state can be written to the --data file and read back unchanged.

export const SCOPES = ["influencers:write", "projects:write"] as const;
export type Scope = (typeof SCOPES)[number];

export interface Org {
  orgId: string;
  name: string;
  createdAt: number;
}

/** An API key, known only by its SHA-256: the key itself is never stored. */
export interface KeyRecord {
  keyHash: string;
  orgId: string;
  scopes: Scope[];
}

export interface Project {
  projectId: string;
  orgId: string;
  name: string;
  appDescription: string | null;
  targetGender: "male" | "female" | "any" | null;
  createdAt: number;
}

export interface Media {
  assetId: string;
  projectId: string;
  /** "url": a partner URL (never fetched); "inline": bytes uploaded; "portrait": generated for an influencer. */
  source: "url" | "inline" | "portrait";
  /** Absolute URL for source "url"; otherwise unused (the emulator serves the asset itself). */
  externalUrl: string | null;
  contentType: string | null;
  dataBase64: string | null;
  influencerId: string | null;
  createdAt: number;
}

export interface Personality {
  traits?: string[];
  tone?: string;
  humor?: string;
  formality?: string;
  values?: string[];
  interests?: string[];
  speakingStyle?: string;
  catchphrases?: string[];
}

/** Persona fields a PATCH may set; every one but `name` may be null. */
export interface PersonaFields {
  name: string;
  gender: string | null;
  ageRange: string | null;
  ethnicity: string | null;
  bodyType: string | null;
  hairColor: string | null;
  hairStyle: string | null;
  style: string | null;
  vibe: string | null;
  voiceDescription: string | null;
  brandVoice: string | null;
  language: string | null;
  personality: Personality | null;
}

export type InfluencerStatus = "pending" | "training" | "ready" | "failed";

export interface InfluencerRow extends PersonaFields {
  influencerId: string;
  projectId: string;
  orgId: string;
  prompt: string | null;
  referenceImages: Array<{ assetId: string; addedAt: number }>;
  /** Status as last settled; the live status is derived from the generation job (see lifecycle.ts). */
  status: InfluencerStatus;
  /** True once the generation job's outcome has been applied to the row. */
  settled: boolean;
  jobId: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  deleteReason: string | null;
}

export type JobKind = "influencer_create" | "influencer_clone";
/** What the job will do when its time is up: decided at creation (faults pick "fail" or "stuck"). */
export type JobOutcome = "succeed" | "fail" | "stuck";

export interface Job {
  jobId: string;
  orgId: string;
  kind: JobKind;
  influencerId: string;
  /** The generated portrait asset the job attaches when it succeeds (chosen up front so it survives restarts). */
  portraitAssetId: string;
  createdAt: number;
  durationMs: number;
  outcome: JobOutcome;
  /** Set when the influencer was deleted before the job finished. */
  canceledAt: number | null;
}

export interface IdempotencyRecord {
  /** orgId + method + path. */
  scope: string;
  key: string;
  bodyHash: string;
  state: "in_flight" | "done";
  status: number;
  contentType: string;
  body: string;
  createdAt: number;
}

export interface StateFile {
  format: "layers-emulator-state";
  version: 1;
  defaultOrgId: string;
  defaultProjectId: string;
  orgs: Org[];
  keys: KeyRecord[];
  projects: Project[];
  media: Media[];
  influencers: InfluencerRow[];
  jobs: Job[];
  idempotency: IdempotencyRecord[];
}
