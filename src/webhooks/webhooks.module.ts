import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { runControlConfig } from '../config/run-control.config.js';
import { webhookConfig } from '../config/webhook.config.js';
import { ToolsModule } from '../tools/tools.module.js';
import { MemoryWebhookOutbox } from './memory-webhook.outbox.js';
import { OutboxCipher } from './outbox-cipher.js';
import { RedisWebhookOutbox } from './redis-webhook.outbox.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookOutbox } from './webhook-outbox.js';

/**
 * Run webhooks (`runtime_config.webhook`): signed deliveries of a run's end, waiting in an
 * outbox in Redis when REDIS_URL is set (any instance delivers them), else in memory.
 */
@Module({
  imports: [ToolsModule],
  providers: [
    WebhookDispatcher,
    {
      provide: WebhookOutbox,
      inject: [runControlConfig.KEY, webhookConfig.KEY],
      useFactory: (
        control: ConfigType<typeof runControlConfig>,
        webhooks: ConfigType<typeof webhookConfig>,
      ): WebhookOutbox =>
        control.redisUrl && webhooks.signingKeys.length > 0
          ? new RedisWebhookOutbox({
              url: control.redisUrl,
              cluster: control.redisCluster,
              keyPrefix: control.redisKeyPrefix,
              cipher: new OutboxCipher(webhooks.signingKeys),
            })
          : new MemoryWebhookOutbox(),
    },
  ],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
