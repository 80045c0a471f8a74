import { Injectable } from '@nestjs/common';
import type { WorkflowEvent } from '../src/common/run-events/run-event.types.js';
import { Workflow } from '../src/workflows/workflow.decorator.js';
import { RunnableWorkflow, type WorkflowOutcome } from '../src/workflows/workflow.types.js';
import { startTestApp } from './support/test-app.js';

@Workflow({ id: 'echo', description: 'a second echo' })
@Injectable()
class SecondEchoWorkflow extends RunnableWorkflow {
  // eslint-disable-next-line require-yield
  async *run(): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    return { finishReason: 'stop' };
  }
}

describe('workflow registry', () => {
  it('fails the boot when two workflows share an id', async () => {
    await expect(startTestApp({ providers: [SecondEchoWorkflow] })).rejects.toThrow(
      "Two workflows are registered as 'echo'",
    );
  });
});
