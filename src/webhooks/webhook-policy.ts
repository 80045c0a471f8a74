/**
 * Delivery policy of run webhooks, in one place. Attempts: WEBHOOK_MAX_ATTEMPTS. Each waits
 * at most WEBHOOK_REQUEST_TIMEOUT_MS for the receiver's answer; between attempts the delay
 * doubles from WEBHOOK_RETRY_BASE_DELAY_MS up to WEBHOOK_RETRY_MAX_DELAY_MS, or is the
 * receiver's Retry-After (capped the same): 8 attempts take at most about 4 minutes.
 */
export const WEBHOOK_REQUEST_TIMEOUT_MS = 10_000;
export const WEBHOOK_RETRY_BASE_DELAY_MS = 1_000;
export const WEBHOOK_RETRY_MAX_DELAY_MS = 60_000;

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function webhookRetryDelayMs(attempt: number, retryAfterMs: number | undefined): number {
  const backoff = WEBHOOK_RETRY_BASE_DELAY_MS * 2 ** (attempt - 1);
  return Math.min(retryAfterMs ?? backoff, WEBHOOK_RETRY_MAX_DELAY_MS);
}

/** Deliveries an outbox holds at most; past it new ones are dropped (counted, logged). */
export const MAX_PENDING_WEBHOOKS = 10_000;
/** How often a process looks for due deliveries (also at once when it adds one). */
export const WEBHOOK_POLL_INTERVAL_MS = 500;
/** Deliveries one process attempts at once. */
export const WEBHOOK_PARALLEL_ATTEMPTS = 16;
/**
 * How long a claimed delivery is this process's: longer than an attempt can take, so a live
 * process is never raced; a process that died leaves it to others once this lapses.
 */
export const WEBHOOK_LEASE_MS = WEBHOOK_REQUEST_TIMEOUT_MS + 20_000;
