import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { RunMetrics } from './run-metrics.service.js';

/** GET /metrics and the RunMetrics every module records into. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [RunMetrics],
  exports: [RunMetrics],
})
export class MetricsModule {}
