export const SECRET_MASK = '***';
/**
 * Shorter values are not masked: they cannot be told apart from ordinary text, and masking
 * them would garble every log line. No code logs payload values in the first place; this
 * is the safety net under that rule.
 */
export const MIN_MASKED_SECRET_LENGTH = 4;

/** JSON string escaping, without the quotes: how a value looks inside a JSON document. */
export const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * `text` with every needle replaced by `***`. The needles come longest first, so a longer
 * form (a JSON-escaped secret) is never half replaced by a shorter one inside it.
 */
export function maskNeedles(text: string, needlesLongestFirst: readonly string[]): string {
  let masked = text;
  for (const needle of needlesLongestFirst)
    if (masked.includes(needle)) masked = masked.replaceAll(needle, SECRET_MASK);
  return masked;
}

/** The secrets worth masking: long enough to be told apart from ordinary text. */
export function maskableSecrets(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((secret) => secret.length >= MIN_MASKED_SECRET_LENGTH);
}
