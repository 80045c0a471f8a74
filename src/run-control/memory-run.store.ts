import { once, EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { runControlConfig } from '../config/run-control.config.js';
import type { IdempotencyClaim } from './idempotency-claim.js';
import { RunLog } from './run-log.js';
import type { RunRecord } from './run-record.js';
import { type RunHandle, type RunOwner, type RunReader, RunStore } from './run-store.js';

/** How long a cancel request waits for the run to end before answering with its status. */
export const CANCEL_WAIT_MS = 2_000;

interface LocalRun {
  log: RunLog;
  owner: RunOwner;
  /** Set once the run ended. */
  record?: RunRecord;
}

/**
 * The runs of this process: live ones, and finished ones for RUN_LOG_TTL_SECONDS (at most
 * RUN_LOG_MAX_FINISHED_RUNS of them, oldest dropped first, so memory stays bounded at any rate
 * of runs), with the Idempotency-Keys that started them. Expired runs are swept lazily on
 * each call: no timer per run.
 */
@Injectable()
export class MemoryRunStore extends RunStore {
  private readonly runs = new Map<string, LocalRun>();
  /** Finished run ids in the order they ended (Map keeps insertion order). */
  private readonly finished = new Map<string, number>();
  private readonly ended = new EventEmitter().setMaxListeners(0);
  /** Idempotency-Key digests and the runs they started; dropped with their run. */
  private readonly claims = new Map<string, IdempotencyClaim>();
  private readonly claimOfRun = new Map<string, string>();

  constructor(
    @Inject(runControlConfig.KEY) private readonly config: ConfigType<typeof runControlConfig>,
  ) {
    super();
  }

  begin(record: RunRecord, owner: RunOwner): RunHandle {
    this.sweep();
    const log = new RunLog(this.config.logMaxEvents, (count) => owner.readersChanged(count));
    const run: LocalRun = { log, owner };
    this.runs.set(record.run_id, run);
    return {
      append: (frame) => log.append(frame),
      reader: (afterSeq) => log.reader(afterSeq),
      waitForReaders: (signal) => log.waitForReaders(signal),
      end: (final) => this.finish(run, final),
    };
  }

  open(runId: string, afterSeq: number): Promise<RunReader | undefined> {
    return Promise.resolve(this.openLocal(runId, afterSeq));
  }

  /** A reader of a run of this process, synchronously; undefined when it is not here. */
  openLocal(runId: string, afterSeq: number): RunReader | undefined {
    this.sweep();
    return this.runs.get(runId)?.log.reader(afterSeq);
  }

  status(runId: string): Promise<RunRecord | undefined> {
    return Promise.resolve(this.statusLocal(runId));
  }

  statusLocal(runId: string): RunRecord | undefined {
    this.sweep();
    const run = this.runs.get(runId);
    return run && (run.record ?? run.owner.snapshot());
  }

  /** Whether this process runs (or ran) the run. */
  has(runId: string): boolean {
    this.sweep();
    return this.runs.has(runId);
  }

  async cancel(runId: string): Promise<RunRecord | undefined> {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    if (!run.record) {
      const ended = once(this.ended, runId, { signal: AbortSignal.timeout(CANCEL_WAIT_MS) });
      run.owner.cancel();
      await ended.catch(() => undefined);
    }
    return run.record ?? run.owner.snapshot();
  }

  findClaim(key: string): Promise<IdempotencyClaim | undefined> {
    this.sweep();
    return Promise.resolve(this.claims.get(key));
  }

  claim(key: string, claim: IdempotencyClaim): Promise<IdempotencyClaim> {
    this.sweep();
    const held = this.claims.get(key);
    if (held) return Promise.resolve(held);
    this.claims.set(key, claim);
    this.claimOfRun.set(claim.run_id, key);
    return Promise.resolve(claim);
  }

  releaseClaim(key: string, runId: string): Promise<void> {
    if (this.claims.get(key)?.run_id === runId) this.dropClaim(runId);
    return Promise.resolve();
  }

  private dropClaim(runId: string): void {
    const key = this.claimOfRun.get(runId);
    if (key === undefined) return;
    this.claimOfRun.delete(runId);
    this.claims.delete(key);
  }

  private finish(run: LocalRun, record: RunRecord): void {
    run.record = record;
    run.log.end();
    this.finished.set(record.run_id, Date.now() + this.config.logTtlMs);
    this.ended.emit(record.run_id);
    this.sweep();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [runId, expiresAt] of this.finished) {
      if (expiresAt > now && this.finished.size <= this.config.maxFinishedRuns) break;
      this.finished.delete(runId);
      this.runs.delete(runId);
      this.dropClaim(runId);
    }
  }
}
