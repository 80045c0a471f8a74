import { Module } from '@nestjs/common';
import { ApprovalModule } from '../approval/approval.module.js';
import { ModelGatewayModule } from '../model-gateway/model-gateway.module.js';
import { RunControlModule } from '../run-control/run-control.module.js';
import { ToolsModule } from '../tools/tools.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { WorkflowsModule } from '../workflows/workflows.module.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { RunExecutor } from './run-executor.service.js';
import { WorkflowRunFactory } from './workflow-run.factory.js';

/**
 * The run itself, apart from any transport: a payload becomes a `WorkflowRun` (its tools and
 * model resolved), is admitted, and is executed to exactly one `done` in the run store.
 * Streaming (SSE), health and shutdown build on it.
 */
@Module({
  imports: [
    WorkflowsModule,
    ToolsModule,
    ModelGatewayModule,
    RunControlModule,
    ApprovalModule,
    WebhooksModule,
  ],
  providers: [RunExecutor, ActiveRunsRegistry, WorkflowRunFactory],
  exports: [RunExecutor, ActiveRunsRegistry, WorkflowRunFactory],
})
export class RunsModule {}
