import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits while the client's socket is full (Node's `writableNeedDrain`), so a run is not
 * consumed faster than its reader takes frames. Resolves false when the socket made no
 * progress for `timeoutMs` (the reader stopped), true as soon as it can take more.
 */
export async function untilWritable(
  sink: Writable,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  if (!sink.writableNeedDrain || sink.destroyed) return true;
  const controller = new AbortController();
  const stop = AbortSignal.any([controller.signal, signal]);
  try {
    return await Promise.race([
      once(sink, 'drain', { signal: stop }).then(() => true),
      once(sink, 'close', { signal: stop }).then(() => true),
      sleep(timeoutMs, false, { signal: stop }),
    ]);
  } catch {
    return true; // the run was aborted meanwhile: let it notice on its own
  } finally {
    controller.abort();
  }
}
