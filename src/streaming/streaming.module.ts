import { Module } from '@nestjs/common';
import { ModelGatewayModule } from '../model-gateway/model-gateway.module.js';
import { PayloadModule } from '../payload/payload.module.js';
import { RunControlModule } from '../run-control/run-control.module.js';
import { ToolsModule } from '../tools/tools.module.js';
import { WorkflowsModule } from '../workflows/workflows.module.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { RunExecutor } from './run-executor.service.js';
import { RunResumer } from './run-resumer.service.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowController } from './run-workflow.controller.js';
import { RunsController } from './runs.controller.js';
import { WorkflowRunFactory } from './workflow-run.factory.js';

/** POST /v1/run_workflow and /v1/runs/*: runs and their events as Server-Sent Events. */
@Module({
  imports: [PayloadModule, WorkflowsModule, ToolsModule, ModelGatewayModule, RunControlModule],
  controllers: [RunWorkflowController, RunsController],
  providers: [RunExecutor, RunStreamService, RunResumer, ActiveRunsRegistry, WorkflowRunFactory],
  exports: [ActiveRunsRegistry],
})
export class StreamingModule {}
