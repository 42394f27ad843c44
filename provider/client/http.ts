// One logical API request, end to end: take a slot from the shared rate limiter, send with
// auth/JSON/User-Agent/timeout, turn the outcome into data or a LayersError, and retry
// transient failures with the same Idempotency-Key; the limiter hears each outcome and any
// limit the response states. Endpoint methods live in client.ts.
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { z } from "zod";
import { APIConnectionError, APIConnectionTimeoutError, APIError, LayersError, ResponseValidationError } from "./errors";
import type { AdaptiveLimiter } from "./limiter";
import { statedLimit } from "./ratelimit-headers";
import { redact } from "./redact";
import { isRetryable, parseRetryAfter, RetryBudget, retryDelayMs, type Failure, type RetryPolicy } from "./retry";
import { describeIssues } from "./schemas";

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  userAgent: string;
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  limiter: AdaptiveLimiter | null;
}

export interface RequestSpec<S extends z.ZodType> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  /** The operation can be repeated safely even without a key (see retry.ts). */
  safeToRepeat?: boolean;
  /** A 409 is final (see RequestTraits in retry.ts). */
  conflictIsAnswer?: boolean;
  schema: S;
}

export interface Result<T> {
  data: T;
  status: number;
  requestId: string | undefined;
  header(name: string): string | undefined;
}

export interface TransportStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export class HttpTransport {
  readonly stats: TransportStats = { requests: 0, retries: 0, rateLimited: 0 };
  // A private field: invisible to util.inspect, JSON.stringify and object spreads.
  readonly #apiKey: string;
  private readonly opts: Omit<TransportOptions, "apiKey">;
  private readonly http: AxiosInstance;

  constructor(options: TransportOptions) {
    const { apiKey, ...opts } = options;
    this.#apiKey = apiKey;
    this.opts = opts;
    // No auth in the instance defaults: they would be visible on the instance. The header is
    // added per request and the request config never leaves this file.
    this.http = axios.create({
      baseURL: opts.baseUrl,
      maxRedirects: 0, // never forward the Authorization header to another location
      validateStatus: () => true, // statuses are handled below, not as AxiosErrors
      responseType: "text",
      transformResponse: [(d: unknown) => d],
      transitional: { clarifyTimeoutError: true },
    });
  }

  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<Result<z.output<S>>> {
    const pathWithQuery = spec.path + queryString(spec.query);
    const ref = { method: spec.method, path: pathWithQuery };
    const budget = new RetryBudget(this.opts.policy);
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const permit = this.opts.limiter ? await this.opts.limiter.acquire() : undefined;
      const started = Date.now();
      let response: AxiosResponse<string> | undefined;
      let error: APIError;
      let failure: Failure;
      try {
        this.stats.requests += 1;
        response = await this.send(spec, pathWithQuery);
      } catch (e) {
        permit?.failed();
        error = this.connectionError(e, ref);
        failure = { connectionCode: error.code };
      }
      budget.recordAttempt(Date.now() - started);

      if (response) {
        const header = headerReader(response);
        const retryAfterMs = parseRetryAfter(header("retry-after"));
        const stated = permit ? statedLimit(header) : undefined;
        if (response.status === 429) {
          this.stats.rateLimited += 1;
          permit?.rateLimited(retryAfterMs, stated);
        } else {
          permit?.succeeded(stated, measuresDistance(spec, response));
        }
        if (response.status >= 200 && response.status < 300) return this.parse(spec, ref, response, header);
        error = APIError.generate(response.status, this.errorBody(response.data), { "x-request-id": header("x-request-id") }, { ...ref, retryAfterMs });
        failure = { status: response.status };
      }

      if (!isRetryable(spec, failure!)) throw error!.withAttempts(attempt);
      const delay = retryDelayMs(budget.retriesUsed, this.opts.policy, error!.retryAfterMs, this.opts.random);
      if (!budget.tryRetry(delay, error!.status === 429)) throw error!.withAttempts(attempt);
      this.stats.retries += 1;
      await this.opts.sleep(delay);
    }
  }

  private send<S extends z.ZodType>(spec: RequestSpec<S>, url: string): Promise<AxiosResponse<string>> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#apiKey}`,
      Accept: "application/json",
      "User-Agent": this.opts.userAgent,
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";
    // The same key on every attempt: that is what makes the retry a replay, not a second create.
    if (spec.idempotencyKey) headers["Idempotency-Key"] = spec.idempotencyKey;
    return this.http.request<string>({
      method: spec.method,
      url,
      headers,
      data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      timeout: this.opts.timeoutMs, // socket idle
      signal: AbortSignal.timeout(this.opts.timeoutMs), // whole exchange, incl. a slow body
    });
  }

  private parse<S extends z.ZodType>(
    spec: RequestSpec<S>,
    ref: { method: string; path: string },
    response: AxiosResponse<string>,
    header: (name: string) => string | undefined,
  ): Result<z.output<S>> {
    const requestId = header("x-request-id");
    let json: unknown;
    try {
      json = response.data === "" ? undefined : JSON.parse(response.data);
    } catch {
      throw new ResponseValidationError(ref.method, ref.path, response.status, requestId, "body is not JSON");
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new ResponseValidationError(ref.method, ref.path, response.status, requestId, describeIssues(parsed.error));
    }
    return { data: parsed.data, status: response.status, requestId, header };
  }

  /** Error bodies are scrubbed of the key before anything reads them. */
  private errorBody(text: string): unknown {
    const clean = redact(typeof text === "string" ? text : "", this.#apiKey);
    try {
      return JSON.parse(clean);
    } catch {
      return clean.slice(0, 300);
    }
  }

  /**
   * Copy only the error code and a scrubbed message off a transport failure. The AxiosError
   * itself holds the request config, headers included, so it is never kept or chained.
   */
  private connectionError(e: unknown, ref: { method: string; path: string }): APIError {
    if (!axios.isAxiosError(e)) {
      const message = redact(e instanceof Error ? e.message : String(e), this.#apiKey);
      throw new LayersError(`${ref.method} ${ref.path} -> client error: ${message}`);
    }
    const causeCode = (e.cause as { code?: unknown } | undefined)?.code;
    let code = typeof causeCode === "string" ? causeCode : (e.code ?? "UNKNOWN");
    const timedOut = e.code === "ETIMEDOUT" || e.code === "ERR_CANCELED" || code === "ABORT_ERR" || e.name === "CanceledError";
    if (timedOut) code = "ETIMEDOUT";
    const message = timedOut ? `no response within ${this.opts.timeoutMs} ms` : redact(e.message, this.#apiKey);
    const init = { ...ref, code, message, cause: { code } };
    return timedOut ? new APIConnectionTimeoutError(init) : new APIConnectionError(init);
  }

  toJSON(): { baseUrl: string } {
    return { baseUrl: this.opts.baseUrl };
  }
}

/**
 * Whether the exchange took the API's round trip and little else, for the limiter's estimate
 * of its distance: a read (a write's time includes the server's work) on a socket already
 * open (a new one's time includes the TCP and TLS handshakes).
 */
function measuresDistance(spec: RequestSpec<z.ZodType>, response: AxiosResponse): boolean {
  return spec.method === "GET" && (response.request as { reusedSocket?: unknown } | undefined)?.reusedSocket === true;
}

function headerReader(response: AxiosResponse): (name: string) => string | undefined {
  const headers = response.headers as Record<string, unknown>;
  return (name) => {
    const v = headers[name.toLowerCase()];
    if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
    return v === undefined || v === null ? undefined : String(v);
  };
}

function queryString(query: RequestSpec<z.ZodType>["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
