import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { errorCauses } from '../common/errors/error-causes.js';
import { retryAfterMs } from '../common/http/retry-after.js';
import { webhookConfig } from '../config/webhook.config.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import { EgressHttpClient } from '../tools/egress/egress-http.client.js';
import { ForbiddenDestinationError } from '../tools/egress/forbidden-destination.error.js';
import { WEBHOOK_REQUEST_TIMEOUT_MS, webhookRetryDelayMs } from './webhook-policy.js';
import type { WebhookTarget } from './webhook-target.js';

/** One attempt's outcome; `refused`: the network policy forbids the address (no retry). */
type Attempt =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'failed'; status?: number; retryAfterMs?: number }
  | { outcome: 'refused' };

/** One delivery: its Standard Webhooks id (the same on every attempt), body and target. */
export interface WebhookDelivery {
  id: string;
  target: WebhookTarget;
  body: string;
  log: Logger;
}

/**
 * Sends run webhooks signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature` with one signature per WEBHOOK_SIGNING_KEYS entry), through the
 * plugins' egress client and network policy, retried with backoff (webhook-policy.ts) until
 * a 2xx or WEBHOOK_MAX_ATTEMPTS; each attempt logged (origin, status, attempt) and counted.
 * In memory: a delivery pending when the process stops is not sent (docs/observability.md).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationShutdown {
  private readonly signers: Webhook[];
  private readonly pending = new Set<AbortController>();

  constructor(
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
    private readonly egress: EgressHttpClient,
    private readonly metrics: RunMetrics,
  ) {
    this.signers = config.signingKeys.map((key) => new Webhook(key));
  }

  /** Whether webhooks can be signed (WEBHOOK_SIGNING_KEYS is set). */
  get enabled(): boolean {
    return this.signers.length > 0;
  }

  /** Delivers in the background; never throws. */
  deliver(delivery: WebhookDelivery): void {
    const controller = new AbortController();
    this.pending.add(controller);
    void this.attempts(delivery, controller.signal)
      .catch(() => undefined)
      .finally(() => this.pending.delete(controller));
  }

  onApplicationShutdown(): void {
    for (const controller of this.pending) controller.abort();
  }

  private async attempts(delivery: WebhookDelivery, signal: AbortSignal): Promise<void> {
    const origin = new URL(delivery.target.url).origin;
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      const result = await this.attempt(delivery, signal);
      const last = result.outcome !== 'failed' || attempt >= this.config.maxAttempts;
      const outcome = result.outcome === 'failed' && last ? 'gave_up' : result.outcome;
      this.metrics.webhookAttempt(outcome);
      const status = 'status' in result ? result.status : undefined;
      const line = { webhook_origin: origin, webhook_id: delivery.id, attempt, status, outcome };
      delivery.log[outcome === 'delivered' ? 'info' : 'warn'](
        { ...line, duration_ms: Date.now() - started },
        'webhook delivery',
      );
      if (last) return;
      await sleep(webhookRetryDelayMs(attempt, result.retryAfterMs), undefined, { signal });
    }
  }

  private async attempt(delivery: WebhookDelivery, signal: AbortSignal): Promise<Attempt> {
    const timestamp = new Date();
    const signature = this.signers
      .map((signer) => signer.sign(delivery.id, timestamp, delivery.body))
      .join(' ');
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
        signal: AbortSignal.any([signal, AbortSignal.timeout(WEBHOOK_REQUEST_TIMEOUT_MS)]),
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
    }
  }
}
