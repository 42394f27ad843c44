// Server-generated ids in the contract's shapes: inf_/job_/med_/req_ + a 26-character ULID
// (time-ordered like the real API's), projects are UUIDs, orgs are ours (org_ + ULID).
import { randomUUID } from "node:crypto";
import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();
const ULID = "[0-9A-HJKMNP-TV-Z]{26}";

export const newInfluencerId = (): string => `inf_${ulid()}`;
export const newJobId = (): string => `job_${ulid()}`;
export const newMediaId = (): string => `med_${ulid()}`;
export const newRequestId = (): string => `req_${ulid()}`;
export const newOrgId = (): string => `org_${ulid()}`;
export const newProjectId = (): string => randomUUID();

export const INFLUENCER_ID = new RegExp(`^inf_${ULID}$`);
export const JOB_ID = new RegExp(`^job_${ULID}$`);
export const MEDIA_ID = new RegExp(`^med_${ULID}$`);
export const PROJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isInfluencerId = (s: string): boolean => INFLUENCER_ID.test(s);
export const isJobId = (s: string): boolean => JOB_ID.test(s);
export const isMediaId = (s: string): boolean => MEDIA_ID.test(s);
export const isProjectId = (s: string): boolean => PROJECT_ID.test(s);
