import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../common/auth/public-route.decorator.js';
import { ActiveRunsRegistry } from '../runs/active-runs.registry.js';

export interface HealthStatus {
  status: 'ok' | 'shutting_down';
  uptime_s: number;
  active_runs: number;
}

@ApiTags('service')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(private readonly activeRuns: ActiveRunsRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and load: uptime and runs in progress; 503 while draining' })
  @ApiOkResponse({ schema: { example: { status: 'ok', uptime_s: 42, active_runs: 0 } } })
  @ApiServiceUnavailableResponse({
    schema: { example: { status: 'shutting_down', uptime_s: 42, active_runs: 3 } },
  })
  health(@Res({ passthrough: true }) response: Response): HealthStatus {
    const draining = this.activeRuns.isDraining;
    if (draining) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: draining ? 'shutting_down' : 'ok',
      uptime_s: Math.floor(process.uptime()),
      active_runs: this.activeRuns.count,
    };
  }
}
