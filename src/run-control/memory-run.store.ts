import { once, EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { Deadline } from '../common/async/deadline.js';
import { RequestError } from '../common/errors/execution-plane.error.js';
import type { ConfigType } from '@nestjs/config';
import { runControlConfig } from '../config/run-control.config.js';
import type { IdempotencyClaim } from './idempotency-claim.js';
import { RunLog } from './run-log.js';
import type { RunRecord } from './run-record.js';
import {
  type LogRoom,
  type RunHandle,
  type RunOwner,
  type RunReader,
  RunStore,
} from './run-store.js';

/** How long a cancel request waits for the run to end before answering with its status. */
export const CANCEL_WAIT_MS = 2_000;
/**
 * Once RUN_LOG_MAX_TOTAL_BYTES is exceeded, frames are dropped down to this share of it, so
 * the next reclaim is a tenth of the budget away (not one frame: reclaiming walks the runs).
 */
export const RECLAIM_TO_SHARE = 0.9;

interface LocalRun {
  log: RunLog;
  /** Until the run ended: what the run's process answers for it. */
  owner?: RunOwner;
  /** Set once the run ended. */
  record?: RunRecord;
}

/** What `openLocal` finds: a reader, a run whose frames after that seq were dropped, or nothing. */
export type LocalOpen = RunReader | 'evicted' | undefined;

/**
 * The runs of this process: live ones, and finished ones for RUN_LOG_TTL_SECONDS (at most
 * RUN_LOG_MAX_FINISHED_RUNS of them, oldest dropped first), with the Idempotency-Keys that
 * started them. Frames are bounded by bytes: RUN_LOG_MAX_BYTES per run (the run ends past
 * it) and RUN_LOG_MAX_TOTAL_BYTES for all of them, kept by dropping the frames of the oldest
 * finished runs first (their records stay), then the frames of live runs their readers
 * already took. A finished run keeps its frames and record only. Expired runs are swept
 * lazily on each call: no timer per run.
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
  /** Bytes (frameCostBytes) of every kept frame of every run. */
  private keptBytes = 0;

  constructor(
    @Inject(runControlConfig.KEY) private readonly config: ConfigType<typeof runControlConfig>,
  ) {
    super();
  }

  begin(record: RunRecord, owner: RunOwner): RunHandle {
    this.sweep();
    const log = new RunLog((count) => owner.readersChanged(count));
    const run: LocalRun = { log, owner };
    this.runs.set(record.run_id, run);
    return {
      append: (frame) => this.append(run, frame),
      reader: (afterSeq) => log.reader(afterSeq),
      waitForReaders: (signal) => log.waitForReaders(signal),
      end: (final) => this.finish(run, final),
    };
  }

  open(runId: string, afterSeq: number): Promise<RunReader | undefined> {
    const opened = this.openLocal(runId, afterSeq);
    if (opened !== 'evicted') return Promise.resolve(opened);
    const gone = new RequestError(
      'run_log_evicted',
      `The events of this run after seq ${afterSeq} are no longer kept (RUN_LOG_MAX_TOTAL_BYTES); GET /v1/runs/${runId} has its record`,
    );
    return Promise.reject(gone);
  }

  /** A reader of a run of this process, synchronously, when its frames after `afterSeq` are kept. */
  openLocal(runId: string, afterSeq: number): LocalOpen {
    this.sweep();
    const log = this.runs.get(runId)?.log;
    if (!log) return undefined;
    return log.keeps(afterSeq) ? log.reader(afterSeq) : 'evicted';
  }

  status(runId: string): Promise<RunRecord | undefined> {
    return Promise.resolve(this.statusLocal(runId));
  }

  statusLocal(runId: string): RunRecord | undefined {
    this.sweep();
    const run = this.runs.get(runId);
    return run && (run.record ?? run.owner?.snapshot());
  }

  /** Whether this process runs (or ran) the run. */
  has(runId: string): boolean {
    this.sweep();
    return this.runs.has(runId);
  }

  async cancel(runId: string): Promise<RunRecord | undefined> {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    if (run.owner) {
      const deadline = new Deadline(undefined, CANCEL_WAIT_MS);
      try {
        const ended = once(this.ended, runId, { signal: deadline.signal });
        run.owner.cancel();
        await ended.catch(() => undefined);
      } finally {
        deadline.clear();
      }
    }
    return run.record ?? run.owner?.snapshot();
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

  private append(run: LocalRun, frame: Parameters<RunHandle['append']>[0]): LogRoom {
    this.keptBytes += run.log.append(frame);
    if (run.log.totalBytes > this.config.logMaxBytes) return 'run_full';
    if (this.keptBytes <= this.config.logMaxTotalBytes) return 'kept';
    this.reclaim();
    return this.keptBytes <= this.config.logMaxTotalBytes ? 'kept' : 'store_full';
  }

  /** Drops frames, oldest finished runs first, then what live runs' readers took. */
  private reclaim(): void {
    const target = this.config.logMaxTotalBytes * RECLAIM_TO_SHARE;
    for (const runId of this.finished.keys()) {
      if (this.keptBytes <= target) return;
      this.keptBytes -= this.runs.get(runId)?.log.dropTaken() ?? 0;
    }
    for (const run of this.runs.values()) {
      if (this.keptBytes <= target) return;
      if (!run.record) this.keptBytes -= run.log.dropTaken();
    }
  }

  private finish(run: LocalRun, record: RunRecord): void {
    run.record = record;
    run.owner = undefined;
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
      this.keptBytes -= this.runs.get(runId)?.log.keptBytes ?? 0;
      this.runs.delete(runId);
      this.dropClaim(runId);
    }
  }
}
