import type { MessageEvent } from '@nestjs/common';
import type { IdempotencyClaim } from './idempotency-claim.js';
import type { RunRecord } from './run-record.js';

/** A reader of one run's frames; attached to the run until its iteration ends or `close`. */
export interface RunReader extends AsyncIterable<MessageEvent> {
  close(): void;
}

/** What the store asks of the process that runs a run. */
export interface RunOwner {
  /** A cancel request arrived, from this process or another. */
  cancel(): void;
  /** Readers attached to the run anywhere, after a change (the disconnect policy's input). */
  readersChanged(count: number): void;
  /** The run's record as of now (usage so far). */
  snapshot(): RunRecord;
}

/**
 * Whether the store had room for a frame: `run_full` past the run's own budget
 * (RUN_LOG_MAX_BYTES), `store_full` when RUN_LOG_MAX_TOTAL_BYTES is taken by frames it cannot
 * drop. The frame is kept either way; the owner ends the run (its closing frames are kept).
 */
export type LogRoom = 'kept' | 'run_full' | 'store_full';

/** The owner's side of one run in the store. */
export interface RunHandle {
  /** The run's next frame; its `id` is its seq. */
  append(frame: MessageEvent): LogRoom;
  /** A reader in this process, attached at once (the client that started the run). */
  reader(afterSeq: number): RunReader;
  /**
   * Undefined while this process's readers have room for more frames (no promise per frame),
   * else a promise that resolves once they have (backpressure) or the signal fires.
   */
  waitForReaders(signal: AbortSignal): Promise<void> | undefined;
  /** The run is over: its last frame was appended; `record` is final. */
  end(record: RunRecord): void;
}

/**
 * Port: where runs' frames and records live while they run and for RUN_LOG_TTL_SECONDS
 * after, so a reader can (re-)attach, and a cancel or status request can reach the run, from
 * wherever the request lands. Adapters: in memory (one process) and Redis (any worker).
 */
export abstract class RunStore {
  abstract begin(record: RunRecord, owner: RunOwner): RunHandle;
  /** Every frame after `afterSeq`, then live ones until `done`; undefined: unknown or expired. */
  abstract open(runId: string, afterSeq: number): Promise<RunReader | undefined>;
  abstract status(runId: string): Promise<RunRecord | undefined>;
  /** Asks the run's owner to cancel it; the record once it ended (or as it is after a wait). */
  abstract cancel(runId: string): Promise<RunRecord | undefined>;
  /** The run an Idempotency-Key (its digest) started, while that run's log lives. */
  abstract findClaim(key: string): Promise<IdempotencyClaim | undefined>;
  /**
   * Claims the key for a run about to begin, atomically across processes: the claim that
   * holds the key afterwards, ours or one that came first.
   */
  abstract claim(key: string, claim: IdempotencyClaim): Promise<IdempotencyClaim>;
  /** Gives a claim back when its run did not start (refused at admission). */
  abstract releaseClaim(key: string, runId: string): Promise<void>;
}
