import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EchoWorkflow } from './echo/echo.workflow.js';
import { WorkflowRegistry } from './workflow.registry.js';

/** Workflows, found by `@Workflow()`. A new workflow is one file and one line below. */
@Module({
  imports: [DiscoveryModule],
  providers: [WorkflowRegistry, EchoWorkflow],
  exports: [WorkflowRegistry],
})
export class WorkflowsModule {}
