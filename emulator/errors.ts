// The contract's error envelope, {"error":{code,message,requestId,details?}}, and the
// mapping from Fastify's own errors (bad JSON, wrong content type, oversized body) onto it.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

export type FieldErrors = Record<string, string[]>;

/** A request the API refuses. Thrown from hooks and handlers; the error handler renders it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Contract codes by status; statuses the contract does not name get a plain code of ours. */
const CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN_SCOPE",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION",
  429: "RATE_LIMITED",
  500: "INTERNAL",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "UNAVAILABLE",
};

export function codeForStatus(status: number): string {
  return CODES[status] ?? (status >= 500 ? "INTERNAL" : "BAD_REQUEST");
}

export const notFound = (what = "Resource"): ApiError => new ApiError(404, "NOT_FOUND", `${what} not found.`);
export const conflict = (message: string): ApiError => new ApiError(409, "CONFLICT", message);
export const validation = (fieldErrors: FieldErrors, message = "Invalid body."): ApiError =>
  new ApiError(422, "VALIDATION", message, { fieldErrors });

export function envelope(code: string, message: string, requestId: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, requestId, details } : { code, message, requestId } };
}

/** Turns anything thrown while serving a request into a contract error; never leaks a stack. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as Partial<FastifyError> & { type?: string };
  switch (e.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(413, "PAYLOAD_TOO_LARGE", "The body is larger than this endpoint accepts (1 MiB; 14 MiB for media uploads).");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApiError(400, "BAD_REQUEST", "Content-Length does not match the body.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return validation({ body: ["Malformed JSON."] }, "Invalid JSON body.");
  }
  const status = typeof e.statusCode === "number" ? e.statusCode : 500;
  if (status >= 400 && status < 500) return new ApiError(status, codeForStatus(status), "The request was refused.");
  return new ApiError(500, "INTERNAL", "Internal error.");
}

export function sendApiError(request: FastifyRequest, reply: FastifyReply, err: ApiError): FastifyReply {
  reply.header("x-request-id", request.id);
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  return reply
    .code(err.status)
    .type("application/json; charset=utf-8")
    .send(envelope(err.code, err.message, request.id, err.details));
}
