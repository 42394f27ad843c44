// The error family of the Layers API client. Every failure a LayersClient call can raise is a
// LayersError, so callers can catch one family; APIError and its per-status subclasses carry
// what an operator needs to act (method, path, status, code, requestId, field errors), in a
// single readable `message` line. Nothing here ever holds a request config or its headers:
// those carry the API key.

/** Base of every error the client raises. */
export class LayersError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type FieldErrors = Record<string, string[]>;

export interface RequestRef {
  method: string;
  path: string;
}

export interface APIErrorInit extends RequestRef {
  status: number | undefined;
  code: string;
  message: string;
  requestId?: string;
  fieldErrors?: FieldErrors;
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
}

const MAX_SERVER_TEXT = 300;

/** Collapse whitespace and bound length so a server message can never break the one-line format. */
export function oneLine(text: string, max = MAX_SERVER_TEXT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatFieldErrors(fieldErrors: FieldErrors | undefined): string {
  if (!fieldErrors) return "";
  const parts = Object.entries(fieldErrors).map(([field, msgs]) => `${field}: ${msgs.map((m) => oneLine(m, 120)).join(", ")}`);
  return parts.length ? oneLine(parts.join("; "), 600) : "";
}

/**
 * `POST /v1/projects/<id>/influencers -> 422 VALIDATION: Invalid body. fieldErrors: gender: Invalid enum value (request req_…)`
 */
export function formatAPIErrorMessage(init: APIErrorInit): string {
  const outcome = init.status === undefined ? `connection error ${init.code}` : `${init.status} ${init.code}`;
  let line = `${init.method} ${init.path} -> ${outcome}: ${oneLine(init.message) || "(no message)"}`;
  const fields = formatFieldErrors(init.fieldErrors);
  if (fields) line += ` fieldErrors: ${fields}`;
  const tail: string[] = [];
  if (init.requestId) tail.push(`request ${init.requestId}`);
  if (init.attempts && init.attempts > 1) tail.push(`after ${init.attempts} attempts`);
  if (tail.length) line += ` (${tail.join(", ")})`;
  return line;
}

/** An HTTP exchange that failed: an error status, or (APIConnectionError) no response at all. */
export class APIError extends LayersError {
  /** HTTP status; undefined when no response was received. */
  readonly status: number | undefined;
  /** The API's error code (`VALIDATION`, `NOT_FOUND`, …) or, without a response, the socket error code. */
  readonly code: string;
  /** The server's own message, without the method/path prefix. */
  readonly serverMessage: string;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly method: string;
  readonly path: string;
  /** The server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** How many attempts were made before giving up (1 = no retry). */
  attempts: number;

  constructor(init: APIErrorInit) {
    super(formatAPIErrorMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.message;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }

  /** Re-render `message` after `attempts` changed (the retry loop learns it last). */
  withAttempts(attempts: number): this {
    this.attempts = attempts;
    this.message = formatAPIErrorMessage({
      method: this.method,
      path: this.path,
      status: this.status,
      code: this.code,
      message: this.serverMessage,
      requestId: this.requestId,
      fieldErrors: this.fieldErrors,
      attempts,
    });
    if (this.stack) this.stack = `${this.name}: ${this.message}\n${this.stack.split("\n").slice(1).join("\n")}`;
    return this;
  }

  /**
   * Build the right subclass from an error response. `body` is the parsed JSON (or text) the
   * server sent; `headers` are the response headers (lower-case names).
   */
  static generate(
    status: number,
    body: unknown,
    headers: Record<string, string | string[] | undefined>,
    req: RequestRef & { retryAfterMs?: number },
  ): APIError {
    const parsed = parseErrorBody(body);
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const init: APIErrorInit = {
      method: req.method,
      path: req.path,
      status,
      code: parsed.code ?? `HTTP_${status}`,
      message: parsed.message ?? "",
      requestId: parsed.requestId ?? header("x-request-id"),
      fieldErrors: parsed.fieldErrors,
      retryAfterMs: req.retryAfterMs,
    };
    const Cls = errorClassFor(status);
    return new Cls(init);
  }
}

export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
export class ConflictError extends APIError {}
export class ValidationError extends APIError {}
export class RateLimitError extends APIError {}
export class InternalServerError extends APIError {}

/** No response: connection refused or reset, DNS failure, or the per-request timeout. */
export class APIConnectionError extends APIError {
  constructor(init: Omit<APIErrorInit, "status">) {
    super({ ...init, status: undefined });
  }
}
export class APIConnectionTimeoutError extends APIConnectionError {}

/** A 2xx response whose body does not match the contract (wrong type of a known field). */
export class ResponseValidationError extends LayersError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly requestId: string | undefined,
    readonly issues: string,
  ) {
    super(`${method} ${path} -> ${status} but the response does not match the API contract: ${oneLine(issues, 400)}${requestId ? ` (request ${requestId})` : ""}`);
  }
}

function errorClassFor(status: number): new (init: APIErrorInit) => APIError {
  if (status === 400) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 422) return ValidationError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return InternalServerError;
  return APIError;
}

interface ParsedErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
  fieldErrors?: FieldErrors;
}

/** Read `{"error":{code,message,requestId,details:{fieldErrors}}}` defensively; a text body becomes the message. */
function parseErrorBody(body: unknown): ParsedErrorBody {
  if (typeof body === "string") return { message: body };
  if (!body || typeof body !== "object") return {};
  const err = (body as { error?: unknown }).error;
  if (!err || typeof err !== "object") return {};
  const e = err as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const out: ParsedErrorBody = { code: str(e.code), message: str(e.message), requestId: str(e.requestId) };
  const details = e.details as { fieldErrors?: unknown } | undefined;
  if (details && typeof details === "object" && details.fieldErrors && typeof details.fieldErrors === "object") {
    const fe: FieldErrors = {};
    for (const [k, v] of Object.entries(details.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(v)) fe[k] = v.map(String);
      else if (typeof v === "string") fe[k] = [v];
    }
    if (Object.keys(fe).length) out.fieldErrors = fe;
  }
  return out;
}

/** A job ended `failed` or `canceled`. */
export class JobFailedError extends LayersError {
  constructor(
    readonly jobId: string,
    readonly influencerId: string | null,
    readonly jobStatus: string,
    /** The job's `error.code`, e.g. `GENERATION_FAILED`; undefined when the server gave none. */
    readonly code: string | undefined,
    readonly serverMessage: string | undefined,
  ) {
    super(
      `job ${jobId}${influencerId ? ` (influencer ${influencerId})` : ""} ${jobStatus}` +
        (code || serverMessage ? `: ${code ?? "ERROR"}${serverMessage ? ` ${oneLine(serverMessage)}` : ""}` : ""),
    );
  }
}

/** The job was still not terminal when the caller's deadline passed. The job itself may still finish. */
export class JobTimeoutError extends LayersError {
  constructor(
    readonly jobId: string,
    readonly influencerId: string | null,
    readonly waitedMs: number,
    readonly lastStatus: string | undefined,
  ) {
    super(
      `job ${jobId}${influencerId ? ` (influencer ${influencerId})` : ""} not finished after ${Math.round(waitedMs)} ms` +
        (lastStatus ? ` (last status: ${lastStatus})` : ""),
    );
  }
}

/** The caller's AbortSignal fired while waiting for a job. */
export class WaitAbortedError extends LayersError {
  constructor(readonly jobId: string) {
    super(`waiting for job ${jobId} was aborted`);
  }
}

export const isNotFound = (e: unknown): e is NotFoundError => e instanceof APIError && e.status === 404;
export const isConflict = (e: unknown): e is ConflictError => e instanceof APIError && e.status === 409;
export const isRateLimited = (e: unknown): e is RateLimitError => e instanceof APIError && e.status === 429;
