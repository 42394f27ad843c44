// Fault injection as data: the control API installs rules, each request under /v1 triggers
// at most one of them (the oldest matching rule with uses left), and a reset clears them.
import { z } from "zod";
import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();

export const faultActionSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("status"),
    status: z.number().int().min(400).max(599),
    retryAfter: z.number().int().min(0).optional(),
    code: z.string().min(1).max(64).optional(),
  }),
  z.strictObject({ type: z.literal("delay"), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({ type: z.literal("reset"), when: z.enum(["before", "after"]) }),
  z.strictObject({ type: z.literal("job-fail") }),
  z.strictObject({ type: z.literal("job-stuck") }),
]);
export type FaultAction = z.infer<typeof faultActionSchema>;

export const faultRuleBody = z.strictObject({
  method: z.string().regex(/^[A-Za-z]+$/).optional(),
  path: z.string().regex(/^\//, { error: "Must start with /." }),
  times: z.number().int().min(1).optional(),
  action: faultActionSchema,
});

export interface FaultRule {
  ruleId: string;
  method: string | null;
  path: string;
  /** Uses left; the rule disappears at 0. */
  remaining: number;
  action: FaultAction;
}

const isJobAction = (a: FaultAction) => a.type === "job-fail" || a.type === "job-stuck";

/** `*` matches exactly one non-empty segment; everything else matches literally. */
export function pathMatches(pattern: string, path: string): boolean {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return false;
  return p.every((seg, i) => (seg === "*" ? s[i].length > 0 : seg === s[i]));
}

export class FaultRules {
  private rules: FaultRule[] = [];

  add(body: z.infer<typeof faultRuleBody>): FaultRule {
    const rule: FaultRule = {
      ruleId: `flt_${ulid()}`,
      method: body.method ? body.method.toUpperCase() : null,
      path: body.path,
      remaining: body.times ?? 1,
      action: body.action,
    };
    this.rules.push(rule);
    return rule;
  }

  /**
   * The rule this request triggers, if any. Job rules only apply to requests that start a
   * job (`startsJob`), so a GET never uses up a job-fail rule.
   */
  match(method: string, path: string, startsJob: boolean): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    return this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.method === null || r.method === method) &&
        (startsJob || !isJobAction(r.action)) &&
        pathMatches(r.path, path),
    );
  }

  /** Uses the rule once; false when a concurrent request already took its last use. */
  consume(rule: FaultRule): boolean {
    if (rule.remaining <= 0) return false;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    return true;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }
}
