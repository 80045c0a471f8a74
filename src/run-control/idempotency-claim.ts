/**
 * Which run an `Idempotency-Key` started, and a fingerprint of the payload that started it: a
 * retry with the same key and payload attaches to that run; another payload is a conflict.
 * Keys are stored as digests (never the client's string), for as long as the run's log.
 */
export interface IdempotencyClaim {
  run_id: string;
  trace_id: string;
  fingerprint: string;
}
