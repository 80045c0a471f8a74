import type { Logger } from 'pino';
import type { RunApproval } from '../approval/approval-decisions.js';
import type { FinishReason } from '../common/run-events/run-event.types.js';
import type { RunError } from '../common/errors/execution-plane.error.js';
import type { PayloadSecrets } from '../payload/payload-secrets.js';
import { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { ModelToolDefinition, RunChatModel } from '../model-gateway/chat-model.provider.js';
import type { Context } from '@opentelemetry/api';
import { everyListener, type ModelCallListener } from '../model-gateway/model-call.listener.js';
import { ChatSpans } from '../telemetry/chat-spans.js';
import type { OnDisconnect } from '../payload/dto/on-disconnect.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import type { Toolset } from '../tools/toolset.factory.js';
import type { RegisteredWorkflow } from '../workflows/workflow.registry.js';
import type { WorkflowRunContext } from '../workflows/workflow.types.js';
import type { WebhookTarget } from '../webhooks/webhook-target.js';
import { RunAccount } from './run-account.js';
import { RunBudget } from './run-budget.js';

/**
 * Why a run was stopped from outside; carried as the AbortSignal's reason. With an `error`,
 * the stream reports it before `done` (run timeout, shutdown); without, it just ends.
 */
export class RunAbort extends Error {
  override readonly name = 'RunAbort';

  constructor(
    readonly finishReason: FinishReason,
    readonly error?: RunError,
  ) {
    super(`run stopped: ${finishReason}`);
  }
}

export interface WorkflowRunInit {
  runId: string;
  traceId: string;
  payload: RunWorkflowDto;
  workflow: RegisteredWorkflow;
  /** The payload's tools, resolved (MCP servers listed), and their release. */
  toolset: Toolset;
  /** Bound to trace_id and run_id. */
  logger: Logger;
  /** The run logger when LOG_TRACE_ENABLED, else a silent one: per-call trace lines. */
  trace: Logger;
  /** What must not leak, and where (see payloadSecrets). */
  secrets: PayloadSecrets;
  /** The run's model (and its fallbacks), every call told to `listener`. */
  createChatModel: (listener: ModelCallListener, tools?: ModelToolDefinition[]) => RunChatModel;
  /** MAX_PARALLEL_TOOLS. */
  maxParallelTools: number;
  /** Started with POST /v1/runs: it runs to its end without readers. */
  background?: boolean;
  /** Where the run's end is delivered (runtime_config.webhook), headers rendered. */
  webhook?: WebhookTarget;
  /** The caller's trace context (`traceparent`), the parent of the run's span. */
  parentTrace: Context;
  /** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: contents in spans, masked. */
  captureContent: boolean;
  /** The decisions the run resumes with, and the signer of its approval requests. */
  approval: RunApproval;
  /** Marks the resume's approval tokens used; 400 invalid_approval when one was before. */
  spendApprovals: () => Promise<void>;
}

/** One run's identity and lifetime: ids, abort controller, spend, start time. */
export class WorkflowRun {
  readonly runId: string;
  readonly traceId: string;
  readonly workflow: RegisteredWorkflow;
  readonly logger: Logger;
  readonly trace: Logger;
  readonly secrets: PayloadSecrets;
  /** Masks the run's credentials in every spelling (events, tool results, errors). */
  readonly redactor: SecretRedactor;
  readonly startedAt = Date.now();
  /** runtime_config.budget; the account checks it, the executor times max_duration_ms. */
  readonly budget: RunBudget;
  /** Usage, cost and models of every call; what `done` reports of the run's spend. */
  readonly account: RunAccount;
  /** The run's span context, once the executor started it; its model and tool spans' parent. */
  traceContext: Context;
  private readonly controller = new AbortController();

  constructor(private readonly init: WorkflowRunInit) {
    this.traceContext = init.parentTrace;
    ({ runId: this.runId, traceId: this.traceId, workflow: this.workflow } = init);
    ({ logger: this.logger, trace: this.trace, secrets: this.secrets } = init);
    this.redactor = new SecretRedactor(init.secrets.credentials);
    const { budget, pricing, fallback_models: fallbacks } = init.payload.runtime_config;
    this.budget = new RunBudget(budget);
    this.account = new RunAccount({
      budget: this.budget,
      pricing,
      namesModels: (fallbacks?.length ?? 0) > 0,
      stop: (error) => this.abort('budget_exceeded', error),
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the run; the first reason wins. */
  abort(finishReason: FinishReason, error?: RunError): void {
    if (!this.controller.signal.aborted) this.controller.abort(new RunAbort(finishReason, error));
  }

  /**
   * What the run does once no client reads it (runtime_config.on_disconnect); a background
   * run always continues, bounded by RUN_TIMEOUT_SECONDS.
   */
  get onDisconnect(): OnDisconnect {
    if (this.init.background) return 'continue';
    return this.init.payload.runtime_config.on_disconnect ?? 'cancel';
  }

  /** Every model call is told to the account and traced (`chat {model}` spans). */
  private modelListener(): ModelCallListener {
    const spans = new ChatSpans(() => this.traceContext, {
      content: this.init.captureContent,
      redactor: this.redactor,
    });
    return everyListener(this.account, spans);
  }

  get webhook(): WebhookTarget | undefined {
    return this.init.webhook;
  }

  /** Spends the approval tokens the run resumes with: once it is admitted, before it starts. */
  spendApprovals(): Promise<void> {
    return this.init.spendApprovals();
  }

  /** Closes what the tools hold open (MCP sessions); at the run's end. */
  releaseTools(): Promise<void> {
    return this.init.toolset.close();
  }

  get abortReason(): RunAbort | undefined {
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof RunAbort ? reason : undefined;
  }

  get context(): WorkflowRunContext {
    const { runId, traceId, signal, logger, trace, redactor } = this;
    return {
      runId,
      traceId,
      payload: this.init.payload,
      signal,
      logger,
      trace,
      redactor,
      tools: this.init.toolset.tools,
      toolContext: {
        signal,
        traceId,
        runId,
        logger,
        trace,
        redactor,
        admitCall: () => this.account.admitToolCall(),
        telemetry: { context: this.traceContext, captureContent: this.init.captureContent },
      },
      maxParallelTools: this.init.maxParallelTools,
      approval: this.init.approval,
      chatModel: (tools) => this.init.createChatModel(this.modelListener(), tools),
    };
  }
}
