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
} from 'rxjs';
import type { FinishReason, RunEventBody } from '../common/run-events/run-event.types.js';
import { SecretMasker } from '../common/redaction/secret-masker.js';
import { streamingConfig } from '../config/streaming.config.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { toRunError } from './run-error.mapper.js';
import { RunFrameEncoder } from './run-frame.encoder.js';
import type { WorkflowRun } from './workflow-run.js';

const PING: MessageEvent = { comment: 'ping' };

/**
 * Turns a run into its SSE frames: an opening comment at once, the workflow's events,
 * keepalive pings, and exactly one `done` last, whatever happens. Unsubscribing (the client
 * left) aborts the run, which cancels its upstream requests.
 */
@Injectable()
export class RunStreamService {
  constructor(
    @Inject(streamingConfig.KEY) private readonly streaming: ConfigType<typeof streamingConfig>,
    private readonly activeRuns: ActiveRunsRegistry,
    private readonly masker: SecretMasker,
  ) {}

  open(run: WorkflowRun): Observable<MessageEvent> {
    return defer(() => {
      this.activeRuns.add(run);
      const releaseSecrets = this.masker.register([
        ...run.secrets.credentials,
        ...run.secrets.content,
      ]);
      run.trace.info({ workflow_id: run.workflow.id }, 'run started');
      const encoder = new RunFrameEncoder(run.runId, run.traceId, run.secrets.credentials);
      const frames = from(this.eventsToTheEnd(run)).pipe(
        catchError((error: unknown) => this.failureEvents(run, error)),
        map((body) => encoder.encode(body)),
      );
      const pings = interval(this.streaming.keepaliveIntervalMs).pipe(map(() => PING));
      return merge(frames, pings).pipe(
        takeWhile((frame) => frame.type !== 'done', true),
        startWith<MessageEvent>({ comment: `run ${run.runId}` }),
        finalize(() => {
          this.end(run);
          releaseSecrets();
        }),
      );
    });
  }

  private async *eventsToTheEnd(run: WorkflowRun): AsyncGenerator<RunEventBody> {
    const outcome = yield* run.workflow.workflow.run(run.context);
    yield this.doneBody(run, outcome.finishReason);
  }

  /** The stream's error boundary: an `error` event (unless the client stopped the run), then `done`. */
  private failureEvents(run: WorkflowRun, error: unknown): RunEventBody[] {
    const abort = run.abortReason;
    if (abort) return [this.doneBody(run, abort.finishReason)];
    const runError = toRunError(error);
    run.logger.error({ err: runError.cause ?? runError, code: runError.code }, 'run failed');
    return [
      {
        type: 'error',
        code: runError.code,
        message: runError.message,
        retryable: runError.retryable,
      },
      this.doneBody(run, 'error'),
    ];
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
    this.activeRuns.remove(run);
    run.trace.info({ duration_ms: Date.now() - run.startedAt }, 'run ended');
  }
}
