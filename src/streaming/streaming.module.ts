import { Module } from '@nestjs/common';
import { PayloadModule } from '../payload/payload.module.js';
import { RunControlModule } from '../run-control/run-control.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { BackgroundRunsController } from './background-runs.controller.js';
import { RunResumer } from './run-resumer.service.js';
import { RunStarter } from './run-starter.service.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowController } from './run-workflow.controller.js';
import { RunsController } from './runs.controller.js';

/**
 * POST /v1/run_workflow, POST /v1/runs (background) and /v1/runs/*: the HTTP and SSE side of runs (controllers, the
 * socket window, wire protocols); the runs themselves are RunsModule's.
 */
@Module({
  imports: [PayloadModule, RunsModule, RunControlModule],
  controllers: [RunWorkflowController, BackgroundRunsController, RunsController],
  providers: [RunStreamService, RunResumer, RunStarter],
})
export class StreamingModule {}
