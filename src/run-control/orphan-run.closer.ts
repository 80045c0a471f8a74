import type { MessageEvent } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RunEventBody } from '../common/run-events/run-event.types.js';
import { encodeRunFrame } from '../common/run-events/run-frame.js';
import { frameEntryId, type RedisKeys } from './redis-keys.js';
import type { RunRecord } from './run-record.js';

/**
 * Appends the closing frames and writes the final record, only if the stream still ends with
 * the frame the closer saw (ARGV[1]): an owner that was only slow and wrote on meanwhile
 * keeps its run. KEYS: frames, record (one hash slot).
 */
const CLOSE_SCRIPT = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local lastId = last[1] and last[1][1] or '0-0'
if lastId ~= ARGV[1] then return 0 end
for i = 2, #ARGV - 2, 2 do redis.call('XADD', KEYS[1], ARGV[i], 'f', ARGV[i + 1]) end
redis.call('SET', KEYS[2], ARGV[#ARGV - 1], 'PX', ARGV[#ARGV])
redis.call('PEXPIRE', KEYS[1], ARGV[#ARGV])
return 1`;

type StreamEntry = [id: string, fields: string[]];

/**
 * Ends a run whose owner died (its lease lapsed, OwnerLeases): appends `error` owner_lost
 * (retryable: the run can be started again) and `done` with finish_reason `error` after the
 * last frame the owner wrote, and makes its record final, so every reader on any process
 * ends properly and GET /v1/runs/{id} tells the truth.
 */
export class OrphanRunCloser {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly logTtlMs: number,
  ) {}

  /** Whether the run was closed here (false: already final, or its owner wrote on). */
  async close(runId: string): Promise<boolean> {
    const text = await this.redis.get(this.keys.record(runId));
    const record = text ? (JSON.parse(text) as RunRecord) : undefined;
    if (record?.status !== 'running') return false;
    const last = (await this.redis.xrevrange(this.keys.frames(runId), '+', '-', 'COUNT', 1))[0] as
      StreamEntry | undefined;
    const lastFrame = last && (JSON.parse(last[1][1]) as MessageEvent);
    const lastSeq = lastFrame ? Number(lastFrame.id) : 0;
    const closing = lastFrame?.type === 'done' ? [] : this.closingBodies(record);
    const finishReason =
      lastFrame?.type === 'done'
        ? (JSON.parse(lastFrame.data as string) as { finish_reason: RunRecord['finish_reason'] })
            .finish_reason
        : 'error';
    const frames = closing.map((body, index) =>
      encodeRunFrame(lastSeq + index + 1, { runId, traceId: record.trace_id }, body),
    );
    const final: RunRecord = {
      ...record,
      status: 'done',
      finish_reason: finishReason,
      ended_at: new Date().toISOString(),
    };
    const closed = await this.redis.eval(
      CLOSE_SCRIPT,
      2,
      this.keys.frames(runId),
      this.keys.record(runId),
      last?.[0] ?? '0-0',
      ...frames.flatMap((frame) => [frameEntryId(Number(frame.id)), JSON.stringify(frame)]),
      JSON.stringify(final),
      this.logTtlMs,
    );
    return closed === 1;
  }

  private closingBodies(record: RunRecord): RunEventBody[] {
    return [
      {
        type: 'error',
        code: 'owner_lost',
        message: 'The process running this run stopped before it ended; start the run again',
        retryable: true,
      },
      {
        type: 'done',
        finish_reason: 'error',
        usage: record.usage,
        duration_ms: Date.now() - Date.parse(record.started_at),
      },
    ];
  }
}
