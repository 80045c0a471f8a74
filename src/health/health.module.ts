import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module.js';
import { ToolsModule } from '../tools/tools.module.js';
import { WorkflowsModule } from '../workflows/workflows.module.js';
import { HealthController } from './health.controller.js';
import { ServiceInfoController } from './service-info.controller.js';

/** GET /health and GET / (PROTOCOL.md section 1). */
@Module({
  imports: [RunsModule, WorkflowsModule, ToolsModule],
  controllers: [HealthController, ServiceInfoController],
})
export class HealthModule {}
