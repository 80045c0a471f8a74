import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RunMetrics } from './run-metrics.service.js';

/** Prometheus exposition; behind service auth like /v1 when SERVICE_API_KEYS is set. */
@ApiTags('service')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: RunMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics: runs, latency, model and tool calls, tokens' })
  @ApiProduces('text/plain')
  exposition(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
