import { DiscoveryService } from '@nestjs/core';

export interface WorkflowMetadata {
  /** The `task_meta.workflow_id` that selects it. */
  id: string;
  /** One line for GET / and the docs. */
  description: string;
}

/**
 * Marks a provider as a workflow. Adding a workflow is one file with this decorator on a
 * RunnableWorkflow plus one provider line in WorkflowsModule; the registry finds it.
 */
export const Workflow = DiscoveryService.createDecorator<WorkflowMetadata>();
