import { createHash, createHmac } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { RequestError } from '../common/errors/execution-plane.error.js';

/** The header a client sends to make its POST safe to retry (IETF httpapi idempotency draft). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** A key is 1 to this many printable ASCII characters (Stripe's limit). */
export const IDEMPOTENCY_KEY_MAX_CHARS = 255;
const KEY_PATTERN = new RegExp(`^[\\x20-\\x7E]{1,${IDEMPOTENCY_KEY_MAX_CHARS}}$`);

/** JSON with sorted keys: the same payload gives the same text whatever its key order. */
const canonicalJson = configure({ deterministic: true, circularValue: Error });

/** A start that may be a retry: the key's digest, and the payload's fingerprint under it. */
export interface IdempotentStart {
  key: string;
  fingerprint: string;
}

/**
 * Reads `Idempotency-Key`. The store only ever sees a digest of the key, and a fingerprint of
 * the payload keyed by it (HMAC-SHA256), so neither the client's string nor anything of the
 * payload (its api key, its messages) is kept in a recoverable form.
 */
export function idempotentStartOf(header: unknown, body: unknown): IdempotentStart | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    const message = `must be 1 to ${IDEMPOTENCY_KEY_MAX_CHARS} printable ASCII characters`;
    throw new RequestError('invalid_payload', `Idempotency-Key ${message}`, [
      { path: 'Idempotency-Key', message },
    ]);
  }
  return {
    key: createHash('sha256').update(header).digest('base64url'),
    fingerprint: createHmac('sha256', header)
      .update(canonicalJson(body) ?? '')
      .digest('base64url'),
  };
}
