/** Shortest accepted service key: guessing one must be out of reach. */
export const MIN_SERVICE_KEY_CHARS = 16;

/** SERVICE_API_KEYS as a list; throws (naming no key) when an entry is too short. */
export function parseApiKeys(list: string): string[] {
  const keys = list
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (keys.some((key) => key.length < MIN_SERVICE_KEY_CHARS)) {
    throw new Error(`service keys must have at least ${MIN_SERVICE_KEY_CHARS} characters`);
  }
  return keys;
}
