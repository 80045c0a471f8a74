import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  catchError,
  defer,
  finalize,
  from,
  interval,
  map,
  merge,
  type Observable,
  startWith,
  takeWhile,
  tap,
} from 'rxjs';
import { RunError } from '../common/errors/execution-plane.error.js';
import { SecretMasker } from '../common/redaction/secret-masker.js';
import type { FinishReason, RunEventBody } from '../common/run-events/run-event.types.js';
import { limitsConfig } from '../config/limits.config.js';
import { streamingConfig } from '../config/streaming.config.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { toRunError } from './run-error.mapper.js';
import { RunFrameEncoder } from './run-frame.encoder.js';
import { SocketWindow } from './socket-backpressure.js';
import { ToolCallLedger } from './tool-call.ledger.js';
import type { WorkflowRun } from './workflow-run.js';

const PING: MessageEvent = { comment: 'ping' };

/**
 * Turns an admitted run into its SSE frames: an opening comment at once, the workflow's
 * events as the client's socket takes them, keepalive pings, and exactly one `done` last,
 * whatever happens. Unsubscribing (the client left) aborts the run, which cancels its
 * upstream requests.
 */
@Injectable()
export class RunStreamService {
  constructor(
    @Inject(streamingConfig.KEY) private readonly streaming: ConfigType<typeof streamingConfig>,
    @Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>,
    private readonly activeRuns: ActiveRunsRegistry,
    private readonly masker: SecretMasker,
  ) {}

  open(run: WorkflowRun, sink: Writable & { socket: Socket | null }): Observable<MessageEvent> {
    return defer(() => {
      const releaseSecrets = this.masker.register([
        ...run.secrets.credentials,
        ...run.secrets.content,
      ]);
      const timeout = setTimeout(
        () => run.abort('timeout', this.timeoutError()),
        this.limits.runTimeoutMs,
      );
      run.trace.info({ workflow_id: run.workflow.id }, 'run started');
      const encoder = new RunFrameEncoder(run.runId, run.traceId, run.secrets.credentials);
      const ledger = new ToolCallLedger();
      const window = new SocketWindow(sink.socket);
      const frames = from(this.eventsToTheEnd(run, sink, window)).pipe(
        tap((body) => ledger.record(body)),
        catchError((error: unknown) => this.failureEvents(run, error, ledger)),
        map((body) => encoder.encode(body)),
        tap((frame) => window.add((frame.data as string).length)),
      );
      const pings = interval(this.streaming.keepaliveIntervalMs).pipe(map(() => PING));
      return merge(frames, pings).pipe(
        takeWhile((frame) => frame.type !== 'done', true),
        startWith<MessageEvent>({ comment: `run ${run.runId}` }),
        finalize(() => {
          clearTimeout(timeout);
          this.end(run);
          releaseSecrets();
        }),
      );
    });
  }

  /**
   * The workflow's events, pulled only while the client's socket takes them (backpressure),
   * then `done`. A reader that takes nothing for SSE_WRITE_TIMEOUT_SECONDS ends the run.
   */
  private async *eventsToTheEnd(
    run: WorkflowRun,
    sink: Writable,
    window: SocketWindow,
  ): AsyncGenerator<RunEventBody> {
    const events = run.workflow.workflow.run(run.context);
    for (;;) {
      if (!(await window.waitForRoom(this.streaming.writeTimeoutMs, run.signal))) {
        run.logger.warn(
          { write_timeout_ms: this.streaming.writeTimeoutMs },
          'client stopped reading; ending the run',
        );
        run.abort('cancelled');
        sink.destroy();
      }
      const step = await events.next();
      if (step.done) {
        yield this.doneBody(run, step.value.finishReason);
        return;
      }
      yield step.value;
    }
  }

  /**
   * The stream's error boundary: open tool calls get their `tool_result`, then an `error`
   * event (unless the client stopped the run), then `done`.
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

  private timeoutError(): RunError {
    const seconds = this.limits.runTimeoutMs / 1000;
    return new RunError('run_timeout', `The run exceeded its time limit of ${seconds} s`, false);
  }

  private doneBody(run: WorkflowRun, finishReason: FinishReason): RunEventBody<'done'> {
    return {
      type: 'done',
      finish_reason: finishReason,
      usage: run.usage.snapshot(),
      duration_ms: Date.now() - run.startedAt,
    };
  }

  private end(run: WorkflowRun): void {
    // Completion or a client that left: either way nothing of this run may keep running.
    run.abort('cancelled');
    this.activeRuns.release(run);
    run.trace.info({ duration_ms: Date.now() - run.startedAt }, 'run ended');
  }
}
