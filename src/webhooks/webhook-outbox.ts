import type { WebhookTarget } from './webhook-target.js';

/** One delivery waiting in the outbox: its Standard Webhooks id, target, body, attempts made. */
export interface QueuedDelivery {
  id: string;
  target: WebhookTarget;
  body: string;
  attempts: number;
}

/**
 * Port: where webhook deliveries wait until they are delivered or given up, so a delivery
 * outlives the attempt (and, with Redis, the process) that failed. A process claims the due
 * ones for a lease; one that dies mid-attempt leaves them to be claimed again when it lapses.
 * Adapters: memory (one process) and Redis (every worker and replica).
 */
export abstract class WebhookOutbox {
  /** Keeps `delivery`, due now; false when the outbox is full (it is then dropped). */
  abstract add(delivery: QueuedDelivery): Promise<boolean>;
  /** Up to `max` due deliveries, each claimed by this process for `leaseMs`. */
  abstract claimDue(max: number, leaseMs: number): Promise<QueuedDelivery[]>;
  /** After a failed attempt: one more attempt made, the next due at `dueAtMs`. */
  abstract retryAt(delivery: QueuedDelivery, dueAtMs: number): Promise<void>;
  /** Delivered or given up. */
  abstract remove(id: string): Promise<void>;
}
