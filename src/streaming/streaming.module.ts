import { Module } from '@nestjs/common';
import { ModelGatewayModule } from '../model-gateway/model-gateway.module.js';
import { PayloadModule } from '../payload/payload.module.js';
import { ToolsModule } from '../tools/tools.module.js';
import { WorkflowsModule } from '../workflows/workflows.module.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowController } from './run-workflow.controller.js';
import { WorkflowRunFactory } from './workflow-run.factory.js';

/** POST /v1/run_workflow: a run's events as Server-Sent Events. */
@Module({
  imports: [PayloadModule, WorkflowsModule, ToolsModule, ModelGatewayModule],
  controllers: [RunWorkflowController],
  providers: [RunStreamService, ActiveRunsRegistry, WorkflowRunFactory],
  exports: [ActiveRunsRegistry],
})
export class StreamingModule {}
