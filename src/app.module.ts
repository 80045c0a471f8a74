import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpErrorFilter } from './common/http/http-error.filter.js';
import { RedactionModule } from './common/redaction/redaction.module.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { AppConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { PayloadModule } from './payload/payload.module.js';
import { StreamingModule } from './streaming/streaming.module.js';
import { WorkflowsModule } from './workflows/workflows.module.js';

@Module({
  imports: [
    AppConfigModule,
    RedactionModule,
    LoggingModule,
    PayloadModule,
    WorkflowsModule,
    StreamingModule,
    HealthModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
})
export class AppModule {}
