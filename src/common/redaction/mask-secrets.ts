export const SECRET_MASK = '***';
/**
 * Shorter values are not masked: they cannot be told apart from ordinary text, and masking
 * them would garble every log line. No code logs payload values in the first place; this
 * is the safety net under that rule.
 */
export const MIN_MASKED_SECRET_LENGTH = 4;

/** What JSON.stringify escapes in a string (lone surrogates included, via any surrogate). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON string escaping, without the quotes: how a value looks inside a JSON document. Text
 * with nothing to escape is returned as is, without a copy: a run registers its messages'
 * contents with it, and copying a 1 MB message cost 9 ms per run.
 */
export const jsonEscaped = (text: string) =>
  NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;

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
