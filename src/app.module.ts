import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServiceAuthGuard } from './common/auth/service-auth.guard.js';
import { HttpErrorFilter } from './common/http/http-error.filter.js';
import { RedactionModule } from './common/redaction/redaction.module.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { AppConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PayloadModule } from './payload/payload.module.js';
import { PlaygroundModule } from './playground/playground.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { StreamingModule } from './streaming/streaming.module.js';
import { WorkflowsModule } from './workflows/workflows.module.js';

@Module({
  imports: [
    AppConfigModule,
    RedactionModule,
    LoggingModule,
    MetricsModule,
    TelemetryModule,
    PayloadModule,
    WorkflowsModule,
    StreamingModule,
    HealthModule,
    LifecycleModule,
    PlaygroundModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_GUARD, useClass: ServiceAuthGuard },
  ],
})
export class AppModule {}
