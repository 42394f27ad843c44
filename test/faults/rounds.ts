// The fault rounds of the suite: each installs a set of emulator fault rules (see
// emulator/faults.ts), then runs a batch of operations of the kinds it allows. Rules are
// global to the emulator, so with many operations in flight each rule hits whichever request
// comes first, as a flaky network would.

/** `replace` is `pulumi up --replace <urn>`: same inputs, a new persona. */
export type OpKind = "create" | "update" | "delete" | "replace";

export interface FaultRule {
  method?: string;
  path: string;
  times?: number;
  action: Record<string, unknown>;
}

export interface Round {
  name: string;
  rules: FaultRule[];
  /** Operation kinds this round draws from (a job-fail round only creates, so its rules hit creates). */
  kinds: OpKind[];
  /** Restart the emulator (same port, same --data file) while this round's operations run. */
  restart?: boolean;
  /** Personas whose job got stuck are removed from the program after this round. */
  removesStuck?: boolean;
}

const CREATE = "/v1/projects/*/influencers";
const ONE = "/v1/influencers/*";
const JOB = "/v1/jobs/*";
const PROJECT = "/v1/projects/*";

const ALL: OpKind[] = ["create", "update", "delete", "replace"];

const status = (method: string, path: string, code: number, times: number, retryAfter?: number): FaultRule => ({
  method,
  path,
  times,
  action: retryAfter === undefined ? { type: "status", status: code } : { type: "status", status: code, retryAfter },
});
const reset = (method: string, path: string, when: "before" | "after", times: number): FaultRule => ({
  method,
  path,
  times,
  action: { type: "reset", when },
});
const delay = (method: string, path: string, ms: number, times: number): FaultRule => ({ method, path, times, action: { type: "delay", ms } });

export const ROUNDS: Round[] = [
  { name: "warm-up", rules: [], kinds: ["create"] },
  {
    name: "5xx bursts",
    kinds: ALL,
    rules: [
      status("POST", CREATE, 503, 4),
      status("GET", ONE, 500, 5),
      status("PATCH", ONE, 502, 3),
      status("GET", JOB, 503, 4),
      status("DELETE", ONE, 500, 3),
      status("GET", PROJECT, 504, 3),
    ],
  },
  {
    name: "connection reset before the request is applied",
    kinds: ALL,
    rules: [reset("POST", CREATE, "before", 3), reset("PATCH", ONE, "before", 3), reset("DELETE", ONE, "before", 2), reset("GET", ONE, "before", 3), reset("GET", JOB, "before", 2)],
  },
  {
    name: "connection reset after the request is applied",
    kinds: ALL,
    rules: [reset("POST", CREATE, "after", 3), reset("PATCH", ONE, "after", 3), reset("DELETE", ONE, "after", 2), reset("GET", ONE, "after", 3), reset("GET", JOB, "after", 2)],
  },
  {
    name: "slow responses",
    kinds: ALL,
    rules: [delay("POST", CREATE, 1000, 2), delay("GET", ONE, 800, 3), delay("PATCH", ONE, 1000, 2), delay("DELETE", ONE, 800, 2)],
  },
  {
    // The clean-up DELETE of a failed generation losing its response is the interesting case.
    name: "failed generations",
    kinds: ["create"],
    rules: [{ method: "POST", path: CREATE, times: 2, action: { type: "job-fail" } }, reset("DELETE", ONE, "after", 1), status("DELETE", ONE, 503, 2)],
  },
  {
    name: "stuck generations",
    kinds: ["create"],
    removesStuck: true,
    rules: [{ method: "POST", path: CREATE, times: 2, action: { type: "job-stuck" } }],
  },
  {
    name: "emulator restart with --data",
    kinds: ALL,
    restart: true,
    rules: [status("GET", JOB, 503, 2), reset("POST", CREATE, "after", 1)],
  },
  {
    name: "429 storms with Retry-After",
    kinds: ALL,
    // Few rules, but each 429 halves the host's shared rate and pauses every caller: the
    // rounds after a storm run slowly while the rate grows back (limiter.ts).
    rules: [status("POST", CREATE, 429, 2, 1), status("GET", ONE, 429, 2, 1), status("PATCH", ONE, 429, 1, 1), status("DELETE", ONE, 429, 1, 1), status("GET", JOB, 429, 1, 1)],
  },
  {
    name: "everything at once",
    kinds: ALL,
    rules: [
      status("POST", CREATE, 500, 2),
      status("GET", ONE, 429, 1, 1),
      reset("PATCH", ONE, "after", 2),
      reset("DELETE", ONE, "after", 1),
      delay("GET", JOB, 600, 2),
      reset("POST", CREATE, "before", 1),
      { method: "POST", path: CREATE, times: 1, action: { type: "job-fail" } },
    ],
  },
];
