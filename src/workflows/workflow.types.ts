import type { Logger } from 'pino';
import type { RunApproval } from '../approval/approval-decisions.js';
import type {
  FinishReason,
  PausedGraphState,
  WorkflowEvent,
} from '../common/run-events/run-event.types.js';
import type { ModelToolDefinition, RunChatModel } from '../model-gateway/chat-model.provider.js';
import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import type { RunTool, ToolContext } from '../tools/tool.types.js';

/**
 * Takes a workflow's event as it happens; a promise returned holds the writer (the run's
 * readers are behind, or the run used up its turn of the event loop).
 */
export type WorkflowEventSink = (event: WorkflowEvent) => Promise<void> | undefined;

/** Everything a workflow gets for one run; nothing in it outlives the run. */
export interface WorkflowRunContext {
  readonly runId: string;
  readonly traceId: string;
  readonly payload: RunWorkflowDto;
  /** Fires when the client goes away or the run must stop; pass it to every request. */
  readonly signal: AbortSignal;
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
  /** Tool-call approval: the decisions this run resumes with, new requests signed. */
  readonly approval: RunApproval;
  /**
   * The run's chat model (runtime_config.model, falling back to fallback_models) with these
   * tools bound; every call is accounted to the run (usage, cost, budget).
   */
  chatModel(tools?: ModelToolDefinition[]): RunChatModel;
  /**
   * Where a kit graph's events go as they happen, set by the run executor: pushed, so a token
   * does not wait for the executor to pull it through the workflow's generator (two promise
   * wakes and a generator hop per token; docs/performance.md). Without it, runGraph's
   * generator yields them.
   */
  readonly events?: WorkflowEventSink;
}

/** How a workflow that ran to its end finished. */
export interface WorkflowOutcome {
  finishReason: FinishReason;
  /** The final answer parsed as JSON, with a JSON response_format (`done.output`). */
  output?: unknown;
  /** With `approval_required`: the messages the run added, in chat format (`done.messages`). */
  messages?: unknown[];
  /** A graph paused for approval: where (`done.graph_state`). */
  graphState?: PausedGraphState;
}

/**
 * A runnable workflow. `run` yields the run's events as they happen and returns how it
 * finished; throwing ends the run with an `error` event (the stream maps the error).
 */
export abstract class RunnableWorkflow {
  /**
   * Checks what this workflow reads of the payload beyond its DTO, before the stream starts:
   * throws a RequestError (a 400 with paths). Most workflows read nothing of their own.
   */
  check(_payload: RunWorkflowDto, _tools: readonly RunTool[]): void {}

  abstract run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome>;
}
