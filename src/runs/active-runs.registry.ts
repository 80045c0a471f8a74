import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RequestError, type RunError } from '../common/errors/execution-plane.error.js';
import type { FinishReason } from '../common/run-events/run-event.types.js';
import { limitsConfig } from '../config/limits.config.js';
import type { WorkflowRun } from './workflow-run.js';

/** What a 429 too_many_runs asks the caller to wait: runs usually end within seconds. */
export const BUSY_RETRY_AFTER_SECONDS = 1;
/** What a 503 shutting_down asks the caller to wait: another instance takes over by then. */
export const SHUTDOWN_RETRY_AFTER_SECONDS = 5;

/**
 * The runs this process serves now: admission (MAX_CONCURRENT_RUNS, draining), the count
 * for GET /health, and stopping them all at shutdown.
 */
@Injectable()
export class ActiveRunsRegistry {
  private readonly runs = new Map<string, WorkflowRun>();
  private readonly emptied = new EventEmitter();
  private draining = false;

  constructor(@Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>) {}

  /** Counts the run in, or refuses it with 503 shutting_down or 429 too_many_runs. */
  admit(run: WorkflowRun): void {
    if (this.draining) {
      throw new RequestError(
        'shutting_down',
        'The service is shutting down',
        undefined,
        SHUTDOWN_RETRY_AFTER_SECONDS,
      );
    }
    if (this.runs.size >= this.limits.maxConcurrentRuns) {
      throw new RequestError(
        'too_many_runs',
        `This instance is running its maximum of ${this.limits.maxConcurrentRuns} runs (MAX_CONCURRENT_RUNS)`,
        undefined,
        BUSY_RETRY_AFTER_SECONDS,
      );
    }
    this.runs.set(run.runId, run);
  }

  /** Counts the run out; safe to call more than once. */
  release(run: WorkflowRun): void {
    if (this.runs.delete(run.runId) && this.runs.size === 0) this.emptied.emit('empty');
  }

  get count(): number {
    return this.runs.size;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** From now on new runs are refused; running ones continue. */
  startDraining(): void {
    this.draining = true;
  }

  /** Stops every run (each ends its stream with `error` when given, then `done`). */
  abortAll(finishReason: FinishReason, error?: RunError): void {
    for (const run of this.runs.values()) run.abort(finishReason, error);
  }

  /** Resolves true once no run is left, or false after `timeoutMs`. */
  async waitUntilIdle(timeoutMs: number): Promise<boolean> {
    if (this.runs.size === 0) return true;
    const controller = new AbortController();
    const idle = once(this.emptied, 'empty', { signal: controller.signal }).then(() => true);
    const late = sleep(timeoutMs, false, { signal: controller.signal, ref: false });
    try {
      return await Promise.race([idle, late]);
    } finally {
      controller.abort();
    }
  }
}
