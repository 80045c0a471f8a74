/**
 * Retry and timeout policy for model calls, in one place.
 *
 * Retries happen inside the HTTP fetch, before a response is handed to the SDK: by
 * construction no token of a retried attempt has reached the client, so a retry can never
 * duplicate text (issue: "retry only before the first token, never after").
 */

/** Statuses worth another attempt: request timeout, conflict, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A Retry-After longer than this is not waited for: the run fails fast as rate limited. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Exponential backoff when the upstream gives no Retry-After: 0.5 s, 1 s, 2 s … capped. */
export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 8_000;

export function backoffDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_DELAY_MS * 2 ** attempt, RETRY_MAX_DELAY_MS);
}
