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
