// Public surface of the Layers API client.
export { LayersClient, type ClientOptions } from "./client";
export * from "./errors";
export { waitForJob, nextPollDelayMs, JobHistory, type JobSource, type WaitForJobOptions } from "./jobs";
export { AdaptiveLimiter, limiterFor, resetLimiters, realClock, type Clock, type LimiterOptions, type LimiterSnapshot, type Permit, type StatedLimit } from "./limiter";
export { DEFAULT_RETRY_POLICY, backoffMs, isRetryable, parseRetryAfter, retryDelayMs, type RetryPolicy } from "./retry";
export * from "./schemas";
export { packageVersion } from "./version";
