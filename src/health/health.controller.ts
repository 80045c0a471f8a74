import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActiveRunsRegistry } from '../streaming/active-runs.registry.js';

export interface HealthStatus {
  status: 'ok' | 'shutting_down';
  uptime_s: number;
  active_runs: number;
}

@ApiTags('service')
@Controller('health')
export class HealthController {
  constructor(private readonly activeRuns: ActiveRunsRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and load: uptime and runs in progress' })
  @ApiOkResponse({ schema: { example: { status: 'ok', uptime_s: 42, active_runs: 0 } } })
  health(): HealthStatus {
    return {
      status: 'ok',
      uptime_s: Math.floor(process.uptime()),
      active_runs: this.activeRuns.count,
    };
  }
}
