import type { MessageEvent } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { frameEntryId, type RedisKeys } from './redis-keys.js';
import type { RunReader } from './run-store.js';

/** How long one blocking read waits for new frames before it looks again. */
const READ_BLOCK_MS = 1_000;
/** Frames fetched per read. */
const READ_BATCH = 500;

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/**
 * A reader of a run that another process owns: its frames from the Redis stream after
 * `afterSeq`, then new ones as they arrive (XREAD BLOCK on a connection of its own), until
 * `done`, or until the run's record expired (its owner died before writing `done`). `onClose`
 * runs once, when the reader is done or closed.
 */
export function redisFrameReader(
  connection: Redis,
  keys: RedisKeys,
  runId: string,
  afterSeq: number,
  onClose: () => void,
): RunReader {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    connection.disconnect();
    onClose();
  };
  async function* frames(): AsyncGenerator<MessageEvent> {
    let lastId = frameEntryId(afterSeq);
    try {
      while (!closed) {
        const reply = (await connection.xread(
          'COUNT',
          READ_BATCH,
          'BLOCK',
          READ_BLOCK_MS,
          'STREAMS',
          keys.frames(runId),
          lastId,
        )) as StreamReply;
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length === 0 && !(await connection.exists(keys.record(runId)))) return;
        for (const [id, fields] of entries) {
          lastId = id;
          const frame = JSON.parse(fields[1]) as MessageEvent;
          yield frame;
          if (frame.type === 'done') return;
        }
      }
    } catch (error) {
      if (!closed) throw error;
    } finally {
      close();
    }
  }
  return { [Symbol.asyncIterator]: frames, close };
}
