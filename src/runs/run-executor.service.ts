import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RunError } from '../common/errors/execution-plane.error.js';
import { SecretMasker } from '../common/redaction/secret-masker.js';
import { TurnBudget } from '../common/scheduling/turn-budget.js';
import type { RunErrorCode } from '../common/errors/error-code.js';
import type { FinishReason, RunEventBody } from '../common/run-events/run-event.types.js';
import { context as otelContext, type Span } from '@opentelemetry/api';
import { endRunSpan, startRunSpan } from '../telemetry/run-span.js';
import { runEndPayload } from '../webhooks/run-end.payload.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import type { WebhookTarget } from '../webhooks/webhook-target.js';
import { limitsConfig } from '../config/limits.config.js';
import { RunEventObserver } from '../metrics/run-event.observer.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import { runControlConfig } from '../config/run-control.config.js';
import { DisconnectPolicy } from '../run-control/disconnect-policy.js';
import { type RunRecord, runningRecord } from '../run-control/run-record.js';
import {
  type LogRoom,
  type RunHandle,
  type RunReader,
  RunStore,
} from '../run-control/run-store.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { toRunError } from './run-error.mapper.js';
import { RunFrameEncoder } from './run-frame.encoder.js';
import { TextEventRedaction } from './text-event.redaction.js';
import { ToolCallLedger } from './tool-call.ledger.js';
import type { WorkflowEventSink } from '../workflows/workflow.types.js';
import type { WorkflowRun } from './workflow-run.js';

/**
 * Runs an admitted run to its end, independent of any one client: its events become frames
 * in the run store, with exactly one `done` last whatever happens. Clients are readers of
 * that log (RunStreamService); the disconnect policy decides what their leaving means.
 */
@Injectable()
export class RunExecutor {
  constructor(
    @Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>,
    @Inject(runControlConfig.KEY) private readonly control: ConfigType<typeof runControlConfig>,
    private readonly activeRuns: ActiveRunsRegistry,
    private readonly masker: SecretMasker,
    private readonly store: RunStore,
    private readonly metrics: RunMetrics,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  /** Starts the run in the background; returns the reader of the client that started it. */
  start(run: WorkflowRun): RunReader {
    const releaseSecrets = this.masker.register(run.secrets.credentials, run.secrets.content);
    const timeout = setTimeout(
      () => run.abort('timeout', this.timeoutError()),
      this.limits.runTimeoutMs,
    );
    const maxDurationMs = run.budget.maxDurationMs;
    const budgetTimer =
      maxDurationMs === undefined
        ? undefined
        : setTimeout(
            () => run.abort('budget_exceeded', run.budget.exceeded('max_duration_ms')),
            maxDurationMs,
          );
    const policy = new DisconnectPolicy(this.control.disconnectGraceMs, run.onDisconnect, () =>
      run.abort('cancelled'),
    );
    const handle = this.store.begin(this.recordOf(run), {
      cancel: () => run.abort('cancelled'),
      readersChanged: (count) => policy.readersChanged(count),
      snapshot: () => this.recordOf(run),
    });
    const reader = handle.reader(0);
    run.trace.info({ workflow_id: run.workflow.id }, 'run started');
    const traced = startRunSpan(
      { runId: run.runId, traceId: run.traceId, workflowId: run.workflow.id },
      run.traceContext,
    );
    run.traceContext = traced.context;
    void otelContext
      .with(traced.context, () => this.produce(run, handle, traced.span))
      .catch((error: unknown) => run.logger.error({ err: error }, 'run log write failed'))
      .finally(() => {
        clearTimeout(timeout);
        clearTimeout(budgetTimer);
        policy.dispose();
        this.end(run);
        releaseSecrets();
      });
    return reader;
  }

  /** The workflow's events as frames, paced by this process's readers, then `done`. */
  private async produce(run: WorkflowRun, handle: RunHandle, span: Span): Promise<void> {
    const encoder = new RunFrameEncoder(run.runId, run.traceId, run.redactor);
    const ledger = new ToolCallLedger();
    const observer = new RunEventObserver(this.metrics, run.workflow.id, run.startedAt);
    let done: RunEventBody<'done'> | undefined;
    let errorCode: RunErrorCode | undefined;
    const text = new TextEventRedaction(run.redactor);
    const append = (event: RunEventBody) => {
      for (const body of text.through(event)) {
        ledger.record(body);
        observer.observe(body);
        if (body.type === 'done') done = body;
        if (body.type === 'error') errorCode = body.code;
        const room = handle.append(encoder.encode(body, text.masked(body)));
        if (room !== 'kept') run.abort('error', this.logFullError(room));
      }
    };
    const turn = new TurnBudget();
    let taking = true;
    // A kit graph's events, pushed as they happen (WorkflowRunContext.events) and paced like the
    // pulled ones below; a stopped run, or one that ended, takes none.
    const pushed: WorkflowEventSink = (event) => {
      if (!taking || run.signal.aborted) return undefined;
      append(event);
      return handle.waitForReaders(run.signal) ?? turn.spend();
    };
    const events = run.workflow.workflow.run({ ...run.context, events: pushed });
    try {
      for (;;) {
        // Both undefined (no promise, no await) unless the run must yield or its readers lag.
        const yielding = turn.spend();
        if (yielding) await yielding;
        const lagging = handle.waitForReaders(run.signal);
        if (lagging) await lagging;
        // A stopped run takes no further event, even from a workflow that ignores its signal
        // (nor the one it was producing when it was stopped).
        run.signal.throwIfAborted();
        const step = await events.next();
        run.signal.throwIfAborted();
        if (step.done) {
          taking = false;
          this.stopIfOverBudget(run);
          const { finishReason: reason, output, messages, graphState } = step.value;
          append({
            ...this.doneBody(run, reason),
            ...(output !== undefined && { output }),
            ...(messages && { messages }),
            ...(graphState && { graph_state: graphState }),
          });
          break;
        }
        append(step.value);
      }
    } catch (error) {
      taking = false;
      void events.return(undefined as never).catch(() => undefined);
      for (const body of this.failureEvents(run, error, ledger)) append(body);
    }
    const record: RunRecord = {
      ...this.recordOf(run),
      status: 'done',
      finish_reason: done?.finish_reason ?? 'error',
      ended_at: new Date().toISOString(),
    };
    handle.end(record);
    endRunSpan(span, done, errorCode);
    if (run.webhook && done) this.notify(run, run.webhook, runEndPayload(record, done, errorCode));
  }

  /** The run's end to its webhook (in the background), masked like its events. */
  private notify(run: WorkflowRun, target: WebhookTarget, payload: object): void {
    const body = JSON.stringify(run.redactor.deep(payload));
    this.webhooks.deliver({ id: `msg_${run.runId}`, target, body });
  }

  /**
   * The run's error boundary: open tool calls get their `tool_result`, then an `error` event
   * (unless the run was cancelled), then `done`.
   */
  private failureEvents(run: WorkflowRun, error: unknown, ledger: ToolCallLedger): RunEventBody[] {
    const abort = run.abortReason;
    const closed = ledger.closeAll(abort);
    if (abort && !abort.error) return [...closed, this.doneBody(run, abort.finishReason)];
    const runError = abort?.error ?? toRunError(error);
    if (!abort)
      run.logger.error({ err: runError.cause ?? runError, code: runError.code }, 'run failed');
    const errorBody: RunEventBody<'error'> = {
      type: 'error',
      code: runError.code,
      message: runError.message,
      retryable: runError.retryable,
    };
    return [...closed, errorBody, this.doneBody(run, abort?.finishReason ?? 'error')];
  }

  /** A tool call the budget refused stops the run, even one that ended without the model. */
  private stopIfOverBudget(run: WorkflowRun): void {
    const refusal = run.account.pendingStop;
    if (!refusal) return;
    run.abort('budget_exceeded', refusal);
    throw refusal;
  }

  private logFullError(room: Exclude<LogRoom, 'kept'>): RunError {
    return room === 'run_full'
      ? new RunError(
          'run_log_full',
          `The run's events exceeded their limit of ${this.control.logMaxBytes} bytes (RUN_LOG_MAX_BYTES)`,
          false,
        )
      : new RunError(
          'run_log_full',
          'This instance has no memory left for run events (RUN_LOG_MAX_TOTAL_BYTES)',
          true,
        );
  }

  private timeoutError(): RunError {
    const seconds = this.limits.runTimeoutMs / 1000;
    return new RunError('run_timeout', `The run exceeded its time limit of ${seconds} s`, false);
  }

  private doneBody(run: WorkflowRun, finishReason: FinishReason): RunEventBody<'done'> {
    const { usage, ...spend } = run.account.report();
    return {
      type: 'done',
      finish_reason: finishReason,
      usage,
      duration_ms: Date.now() - run.startedAt,
      ...spend,
    };
  }

  private recordOf(run: WorkflowRun): RunRecord {
    return runningRecord(
      { run_id: run.runId, trace_id: run.traceId, workflow_id: run.workflow.id },
      run.account.report().usage,
      run.startedAt,
    );
  }

  private end(run: WorkflowRun): void {
    // Nothing of this run may keep running once its `done` is written.
    run.abort('cancelled');
    this.activeRuns.release(run);
    run
      .releaseTools()
      .catch((error: unknown) => run.logger.warn({ err: error }, 'closing tools failed'));
    run.trace.info({ duration_ms: Date.now() - run.startedAt }, 'run ended');
  }
}
