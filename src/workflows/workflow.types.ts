import type { Logger } from 'pino';
import type { FinishReason, WorkflowEvent } from '../common/run-events/run-event.types.js';
import type { ModelToolDefinition, RunChatModel } from '../model-gateway/chat-model.provider.js';
import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import type { RunTool, ToolContext } from '../tools/tool.types.js';
import type { UsageMeter } from './usage-meter.js';

/** Everything a workflow gets for one run; nothing in it outlives the run. */
export interface WorkflowRunContext {
  readonly runId: string;
  readonly traceId: string;
  readonly payload: RunWorkflowDto;
  /** Fires when the client goes away or the run must stop; pass it to every request. */
  readonly signal: AbortSignal;
  /** Token usage of every model call so far, for the `done` event (runGraph feeds it). */
  readonly usage: UsageMeter;
  /** Bound to the run's trace_id and run_id. */
  readonly logger: Logger;
  /** Per-call trace lines (model and tool calls with timings); silent unless LOG_TRACE_ENABLED. */
  readonly trace: Logger;
  /** Masks the run's credentials (api key, vault values) in every spelling: use it on anything the model or a client sees. */
  readonly redactor: SecretRedactor;
  /** The payload's tools, resolved and checked before the stream started. */
  readonly tools: readonly RunTool[];
  /** What each tool call gets (the run's signal, ids, loggers, redactor). */
  readonly toolContext: ToolContext;
  /** How many of one turn's tool calls run at once (MAX_PARALLEL_TOOLS). */
  readonly maxParallelTools: number;
  /** The run's chat model (runtime_config.model) with these tools bound. */
  chatModel(tools?: ModelToolDefinition[]): RunChatModel;
}

/** How a workflow that ran to its end finished. */
export interface WorkflowOutcome {
  finishReason: FinishReason;
}

/**
 * A runnable workflow. `run` yields the run's events as they happen and returns how it
 * finished; throwing ends the run with an `error` event (the stream maps the error).
 */
export abstract class RunnableWorkflow {
  abstract run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome>;
}
