import { Module } from '@nestjs/common';
import { PayloadModule } from '../payload/payload.module.js';
import { WorkflowsModule } from '../workflows/workflows.module.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowController } from './run-workflow.controller.js';

/** POST /v1/run_workflow: a run's events as Server-Sent Events. */
@Module({
  imports: [PayloadModule, WorkflowsModule],
  controllers: [RunWorkflowController],
  providers: [RunStreamService, ActiveRunsRegistry],
  exports: [ActiveRunsRegistry],
})
export class StreamingModule {}
