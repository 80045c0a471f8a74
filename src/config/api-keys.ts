/** Shortest accepted service key: guessing one must be out of reach. */
export const MIN_SERVICE_KEY_CHARS = 16;
/** Shortest approval signing key: 32 characters, a 256-bit HMAC key's worth of hex. */
export const MIN_APPROVAL_KEY_CHARS = 32;

/** A comma list of keys; throws (naming no key) when an entry is shorter than `minChars`. */
function keyList(list: string, minChars: number, what: string): string[] {
  const keys = list
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (keys.some((key) => key.length < minChars)) {
    throw new Error(`${what} must have at least ${minChars} characters`);
  }
  return keys;
}

/** SERVICE_API_KEYS as a list. */
export const parseApiKeys = (list: string): string[] =>
  keyList(list, MIN_SERVICE_KEY_CHARS, 'service keys');

/** APPROVAL_SIGNING_KEYS as a list: the first signs, every one verifies (rotation). */
export const parseApprovalKeys = (list: string): string[] =>
  keyList(list, MIN_APPROVAL_KEY_CHARS, 'approval signing keys');

/** Standard Webhooks secrets: `whsec_` and the base64 of at least 24 random bytes. */
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

/** WEBHOOK_SIGNING_KEYS as a list: every delivery is signed with each (rotation). */
export function parseWebhookKeys(list: string): string[] {
  const keys = list
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (keys.some((key) => !WEBHOOK_SECRET.test(key)))
    throw new Error('webhook signing keys must be whsec_ followed by base64 of 24 bytes or more');
  return keys;
}
