import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { WorkflowEvent } from '../../src/common/run-events/run-event.types.js';
import { Workflow } from '../../src/workflows/workflow.decorator.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../../src/workflows/workflow.types.js';

/** What the probe saw of its last run's AbortSignal. */
export const abortProbe = { started: false, aborted: false };

/** Test-only: sends one chunk, then waits for its AbortSignal and records that it fired. */
@Workflow({ id: 'abort_probe', description: 'test: waits for its abort signal' })
@Injectable()
export class AbortProbeWorkflow extends RunnableWorkflow {
  async *run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    abortProbe.started = true;
    abortProbe.aborted = false;
    yield { type: 'message_chunk', content: 'waiting' };
    await once(context.signal, 'abort');
    abortProbe.aborted = true;
    return { finishReason: 'cancelled' };
  }
}

export const INTERNAL_DETAIL = 'ECONNREFUSED /srv/internal/config.yaml line 42';

/** Test-only: sends one chunk, then throws an error full of internals. */
@Workflow({ id: 'explodes', description: 'test: throws mid-run' })
@Injectable()
export class ExplodingWorkflow extends RunnableWorkflow {
  async *run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    yield { type: 'message_chunk', content: 'partial' };
    // As JSON, so content parts are quoted too, not as [object Object].
    const userText = JSON.stringify(context.payload.input.messages[0].content);
    throw new Error(
      `${INTERNAL_DETAIL} while handling ${userText} with ${context.payload.runtime_config.model.api_key}`,
    );
  }
}
