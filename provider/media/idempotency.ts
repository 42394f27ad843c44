// A media upload's Idempotency-Key (see core/idempotency.ts for why keys are derived).
import { digest, keyOf, type Hashed } from "../core/idempotency";
import type { MediaInputs } from "./check";

/**
 * A media upload's Idempotency-Key: the resource and the content (hash, type, URL). The
 * same key always comes with the same body, and since an asset lives as long as its
 * project, a replay (after a crash, or a destroy and re-create) names an asset that exists.
 */
export function mediaIdempotencyKey(inputs: Hashed<MediaInputs>): string {
  return keyOf(digest({
    kind: "media",
    seed: inputs.idempotencySeed ?? null,
    projectId: inputs.projectId,
    sha256: inputs.sha256 ?? null,
    contentType: inputs.contentType ?? null,
    url: inputs.url ?? null,
  }, 0));
}
