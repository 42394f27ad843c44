// Errors the lifecycle raises on top of the API client's own.

/**
 * Thrown by create once the persona exists but could not be finished. The dynamic provider
 * host turns an Error carrying `id` into ErrorResourceInitFailed: the engine records the
 * resource as created-but-failed instead of forgetting it, and the next `up` calls update,
 * which finishes the job. `properties` must carry `__provider` (the host does not add it),
 * or a later refresh or destroy of this resource finds no provider to run.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[] = [message],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}

/** The key can no longer see the persona's project: refuse to conclude the persona is gone. */
export class AccessLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessLostError";
  }
}

/** Cause text for wrapping: the message only, never the error object (it could hold request config). */
export function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
