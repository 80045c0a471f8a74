import { Module } from '@nestjs/common';
import { ToolsModule } from '../tools/tools.module.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/** Run webhooks (`runtime_config.webhook`): signed deliveries of a run's end. */
@Module({
  imports: [ToolsModule],
  providers: [WebhookDispatcher],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
