import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { RequestError } from '../common/errors/execution-plane.error.js';
import { Workflow, type WorkflowMetadata } from './workflow.decorator.js';
import { RunnableWorkflow } from './workflow.types.js';

export interface RegisteredWorkflow extends WorkflowMetadata {
  workflow: RunnableWorkflow;
}

/** Every `@Workflow()` provider of the application, by id. Duplicate ids fail the boot. */
@Injectable()
export class WorkflowRegistry implements OnModuleInit {
  private readonly workflows = new Map<string, RegisteredWorkflow>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: Workflow.KEY })) {
      const metadata = this.discovery.getMetadataByDecorator(Workflow, wrapper);
      if (!metadata) continue;
      if (!(wrapper.instance instanceof RunnableWorkflow)) {
        throw new Error(`@Workflow('${metadata.id}') must extend RunnableWorkflow`);
      }
      if (this.workflows.has(metadata.id)) {
        throw new Error(`Two workflows are registered as '${metadata.id}'`);
      }
      this.workflows.set(metadata.id, { ...metadata, workflow: wrapper.instance });
    }
  }

  /** The workflow for `id`, or 404 workflow_not_found naming the known ids. */
  get(id: string): RegisteredWorkflow {
    const found = this.workflows.get(id);
    if (found) return found;
    const known = [...this.workflows.keys()].sort().join(', ');
    throw new RequestError('workflow_not_found', `Unknown workflow_id; known workflows: ${known}`);
  }

  list(): WorkflowMetadata[] {
    return [...this.workflows.values()]
      .map(({ id, description }) => ({ id, description }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
