export const SECRET_MASK = '***';
/**
 * Shorter values are not masked: they cannot be told apart from ordinary text, and masking
 * them would garble every log line. No code logs payload values in the first place; this
 * is the safety net under that rule.
 */
export const MIN_MASKED_SECRET_LENGTH = 4;

/** The secrets worth masking: long enough to be told apart from ordinary text. */
export function maskableSecrets(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((secret) => secret.length >= MIN_MASKED_SECRET_LENGTH);
}

export function maskText(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets)
    if (masked.includes(secret)) masked = masked.replaceAll(secret, SECRET_MASK);
  return masked;
}

/**
 * A copy of `value` with every occurrence of a secret in its strings (keys included)
 * replaced by `***`; parts without secrets are returned as they are.
 */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return maskText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [maskText(key, secrets), maskDeep(item, secrets)]),
    ) as T;
  }
  return value;
}
