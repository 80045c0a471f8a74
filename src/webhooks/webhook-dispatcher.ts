import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PinoLogger } from 'nestjs-pino';
import { Webhook } from 'standardwebhooks';
import { Deadline } from '../common/async/deadline.js';
import { errorCauses } from '../common/errors/error-causes.js';
import { retryAfterMs } from '../common/http/retry-after.js';
import { webhookConfig } from '../config/webhook.config.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import { EgressHttpClient } from '../tools/egress/egress-http.client.js';
import { ForbiddenDestinationError } from '../tools/egress/forbidden-destination.error.js';
import { type QueuedDelivery, WebhookOutbox } from './webhook-outbox.js';
import {
  WEBHOOK_LEASE_MS,
  WEBHOOK_PARALLEL_ATTEMPTS,
  WEBHOOK_POLL_INTERVAL_MS,
  WEBHOOK_REQUEST_TIMEOUT_MS,
  webhookRetryDelayMs,
} from './webhook-policy.js';

/** One attempt's outcome; `refused`: the network policy forbids the address (no retry). */
type Attempt =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'failed'; status?: number; retryAfterMs?: number }
  | { outcome: 'refused' };

/**
 * Sends run webhooks signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature` with one signature per WEBHOOK_SIGNING_KEYS entry), through the
 * plugins' egress client and network policy. A delivery waits in the outbox (memory, or Redis
 * so it outlives this process) and is attempted until a 2xx or WEBHOOK_MAX_ATTEMPTS, with
 * backoff (webhook-policy.ts); each attempt is logged and counted.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly signers: Webhook[];
  private readonly inFlight = new Set<AbortController>();
  private timer?: NodeJS.Timeout;
  private pumping = false;

  constructor(
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
    private readonly egress: EgressHttpClient,
    private readonly outbox: WebhookOutbox,
    private readonly metrics: RunMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.signers = config.signingKeys.map((key) => new Webhook(key));
  }

  /** Whether webhooks can be signed (WEBHOOK_SIGNING_KEYS is set). */
  get enabled(): boolean {
    return this.signers.length > 0;
  }

  /** Puts the delivery in the outbox and sends it in the background; never throws. */
  deliver(delivery: Omit<QueuedDelivery, 'attempts'>): void {
    this.outbox
      .add({ ...delivery, attempts: 0 })
      .then((added) => {
        if (added) return this.pump();
        this.metrics.webhookAttempt('dropped');
        this.logger.error({ webhook_id: delivery.id }, 'webhook dropped: the outbox is full');
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, webhook_id: delivery.id }, 'webhook not queued'),
      );
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    // Deliveries another process left (with Redis), and retries that came due.
    this.timer = setInterval(() => void this.pump(), WEBHOOK_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    for (const controller of this.inFlight) controller.abort();
  }

  private async pump(): Promise<void> {
    const room = WEBHOOK_PARALLEL_ATTEMPTS - this.inFlight.size;
    if (this.pumping || room <= 0) return;
    this.pumping = true;
    try {
      for (const delivery of await this.outbox.claimDue(room, WEBHOOK_LEASE_MS))
        void this.attemptOnce(delivery);
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook outbox unavailable; retrying');
    } finally {
      this.pumping = false;
    }
  }

  private async attemptOnce(delivery: QueuedDelivery): Promise<void> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const started = Date.now();
    try {
      const result = await this.attempt(delivery, controller.signal);
      if (controller.signal.aborted) return; // shutting down: the lease hands it on
      const attempt = delivery.attempts + 1;
      const last = result.outcome !== 'failed' || attempt >= this.config.maxAttempts;
      const outcome = result.outcome === 'failed' && last ? 'gave_up' : result.outcome;
      this.metrics.webhookAttempt(outcome);
      const origin = new URL(delivery.target.url).origin;
      const status = 'status' in result ? result.status : undefined;
      this.logger[outcome === 'delivered' ? 'info' : 'warn'](
        {
          webhook_origin: origin,
          webhook_id: delivery.id,
          attempt,
          status,
          outcome,
          duration_ms: Date.now() - started,
        },
        'webhook delivery',
      );
      if (last) await this.outbox.remove(delivery.id);
      else {
        const wait = webhookRetryDelayMs(
          attempt,
          'retryAfterMs' in result ? result.retryAfterMs : undefined,
        );
        // The next poll (WEBHOOK_POLL_INTERVAL_MS) claims it once due, here or elsewhere.
        await this.outbox.retryAt(delivery, Date.now() + wait);
      }
    } catch (error) {
      this.logger.warn({ err: error, webhook_id: delivery.id }, 'webhook outbox update failed');
    } finally {
      this.inFlight.delete(controller);
    }
  }

  private async attempt(delivery: QueuedDelivery, signal: AbortSignal): Promise<Attempt> {
    const timestamp = new Date();
    const signature = this.signers
      .map((signer) => signer.sign(delivery.id, timestamp, delivery.body))
      .join(' ');
    const deadline = new Deadline(signal, WEBHOOK_REQUEST_TIMEOUT_MS);
    try {
      const response = await this.egress.fetch(delivery.target.url, {
        method: 'POST',
        headers: {
          ...delivery.target.headers,
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: delivery.body,
        signal: deadline.signal,
      });
      await response.body?.cancel();
      if (response.ok) return { outcome: 'delivered', status: response.status };
      return {
        outcome: 'failed',
        status: response.status,
        retryAfterMs: retryAfterMs(response.headers),
      };
    } catch (error) {
      if (errorCauses(error).some((link) => link instanceof ForbiddenDestinationError))
        return { outcome: 'refused' };
      return { outcome: 'failed' };
    } finally {
      deadline.clear();
    }
  }
}
