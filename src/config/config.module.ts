import { Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { approvalConfig } from './approval.config.js';
import { authConfig } from './auth.config.js';
import { limitsConfig } from './limits.config.js';
import { loggingConfig } from './logging.config.js';
import { modelConfig } from './model.config.js';
import { runControlConfig } from './run-control.config.js';
import { serverConfig } from './server.config.js';
import { streamingConfig } from './streaming.config.js';
import { toolsConfig } from './tools.config.js';
import { telemetryConfig } from './telemetry.config.js';
import { webhookConfig } from './webhook.config.js';
import { workflowsConfig } from './workflows.config.js';

/**
 * Typed configuration namespaces, global. The environment is validated in main.ts before
 * Nest starts (fail fast, one line); each namespace reads the same parser, so a namespace
 * can never disagree with what was validated.
 */
@Module({
  imports: [
    NestConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      cache: true,
      load: [
        serverConfig,
        loggingConfig,
        streamingConfig,
        toolsConfig,
        modelConfig,
        workflowsConfig,
        limitsConfig,
        authConfig,
        approvalConfig,
        webhookConfig,
        telemetryConfig,
        runControlConfig,
      ],
    }),
  ],
})
export class AppConfigModule {}
