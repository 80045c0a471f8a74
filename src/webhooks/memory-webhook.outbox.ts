import { Injectable } from '@nestjs/common';
import { MAX_PENDING_WEBHOOKS } from './webhook-policy.js';
import { type QueuedDelivery, WebhookOutbox } from './webhook-outbox.js';

/** Memory adapter (no REDIS_URL): deliveries live as long as this process. */
@Injectable()
export class MemoryWebhookOutbox extends WebhookOutbox {
  private readonly waiting = new Map<string, { delivery: QueuedDelivery; dueAtMs: number }>();

  add(delivery: QueuedDelivery): Promise<boolean> {
    if (this.waiting.size >= MAX_PENDING_WEBHOOKS) return Promise.resolve(false);
    this.waiting.set(delivery.id, { delivery, dueAtMs: Date.now() });
    return Promise.resolve(true);
  }

  claimDue(max: number, leaseMs: number): Promise<QueuedDelivery[]> {
    const now = Date.now();
    const due = [...this.waiting.values()].filter((entry) => entry.dueAtMs <= now).slice(0, max);
    for (const entry of due) entry.dueAtMs = now + leaseMs;
    return Promise.resolve(due.map((entry) => entry.delivery));
  }

  retryAt(delivery: QueuedDelivery, dueAtMs: number): Promise<void> {
    if (this.waiting.has(delivery.id))
      this.waiting.set(delivery.id, {
        delivery: { ...delivery, attempts: delivery.attempts + 1 },
        dueAtMs,
      });
    return Promise.resolve();
  }

  remove(id: string): Promise<void> {
    this.waiting.delete(id);
    return Promise.resolve();
  }
}
