import type { FinishReason, TokenUsage } from '../common/run-events/run-event.types.js';

/** GET /v1/runs/{run_id}: what anyone may know about a run (no payload, no secrets). */
export interface RunRecord {
  run_id: string;
  trace_id: string;
  workflow_id: string;
  status: 'running' | 'done';
  finish_reason: FinishReason | null;
  /** Token usage so far; the final sum once the run is done. */
  usage: TokenUsage;
  started_at: string;
  ended_at: string | null;
}

/** The record a run starts with. */
export function runningRecord(
  ids: Pick<RunRecord, 'run_id' | 'trace_id' | 'workflow_id'>,
  usage: TokenUsage,
  startedAtMs: number,
): RunRecord {
  return {
    ...ids,
    status: 'running',
    finish_reason: null,
    usage,
    started_at: new Date(startedAtMs).toISOString(),
    ended_at: null,
  };
}
