// Scrubbing of the API key out of any text that could reach an error message. The client never
// puts the key into an error itself; this guards against a server or proxy echoing it back.

const REDACTED = "[redacted]";

/** Replace every occurrence of `secret` (and any `Bearer <token>`) in `text`. */
export function redact(text: string, secret: string | undefined): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, `Bearer ${REDACTED}`);
}
