import { randomUUID } from 'node:crypto';
import type { FinishReason } from '../common/run-events/run-event.types.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { UsageMeter } from '../workflows/usage-meter.js';
import type { RegisteredWorkflow } from '../workflows/workflow.registry.js';
import type { WorkflowRunContext } from '../workflows/workflow.types.js';

/** Why a run was stopped from outside; carried as the AbortSignal's reason. */
export class RunAbort extends Error {
  override readonly name = 'RunAbort';

  constructor(readonly finishReason: FinishReason) {
    super(`run stopped: ${finishReason}`);
  }
}

/** One run's identity and lifetime: ids, abort controller, usage, start time. */
export class WorkflowRun {
  readonly runId = randomUUID();
  readonly startedAt = Date.now();
  readonly usage = new UsageMeter();
  private readonly controller = new AbortController();

  constructor(
    readonly traceId: string,
    readonly payload: RunWorkflowDto,
    readonly workflow: RegisteredWorkflow,
    /** Strings to mask out of logs while the run lives (see payloadSecrets). */
    readonly secrets: readonly string[],
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the run; the first reason wins. */
  abort(finishReason: FinishReason): void {
    if (!this.controller.signal.aborted) this.controller.abort(new RunAbort(finishReason));
  }

  get abortReason(): RunAbort | undefined {
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof RunAbort ? reason : undefined;
  }

  get context(): WorkflowRunContext {
    return {
      runId: this.runId,
      traceId: this.traceId,
      payload: this.payload,
      signal: this.signal,
      usage: this.usage,
    };
  }
}
