import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AgentChatWorkflow } from './agent-chat/agent-chat.workflow.js';
import { EchoWorkflow } from './echo/echo.workflow.js';
import { RouterWorkflow } from './router/router.workflow.js';
import { WorkflowRegistry } from './workflow.registry.js';

/** Workflows, found by `@Workflow()`. A new workflow is one file and one line below. */
@Module({
  imports: [DiscoveryModule],
  providers: [WorkflowRegistry, EchoWorkflow, AgentChatWorkflow, RouterWorkflow],
  exports: [WorkflowRegistry],
})
export class WorkflowsModule {}
