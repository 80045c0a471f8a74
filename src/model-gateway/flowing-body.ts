import type { Readable } from 'node:stream';

/**
 * What a reader of a body answers for each network read: nothing (go on), a promise (hold the
 * body until it settles: backpressure reaches the upstream; one that resolves to `'stop'`
 * stops), or `'stop'` (the reader has all it wants; the rest is not read).
 */
export type BodyTake = Promise<unknown> | 'stop' | undefined;

/** Node's own code for a stream that closed before its end, as its async iterator throws. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * Reads `body` in flowing mode, handing each network read to `take`, and settles once the
 * body ended (or `take` said stop), or with the body's error or `take`'s throw. Flowing mode
 * hands each read over at once: the stream's async iterator buffers it, reads it back and
 * costs promises on every read, which on a model streaming token by token is a cost per token
 * (docs/performance.md). The caller destroys the body when this settles.
 */
export function readFlowing(body: Readable, take: (bytes: Buffer) => BodyTake): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let held = false;
    let ended = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const release = () => {
      held = false;
      if (ended) settle();
      else if (!settled) body.resume();
    };
    const onData = (bytes: Buffer) => {
      if (settled) return;
      let taken: BodyTake;
      try {
        taken = take(bytes);
      } catch (error) {
        return settle(error);
      }
      if (taken === 'stop') return settle();
      if (!taken) return;
      held = true;
      body.pause();
      taken.then((answer) => (answer === 'stop' ? settle() : release()), settle);
    };
    // The body may end while its last read is held: that read is answered first.
    const onEnd = () => {
      ended = true;
      if (!held) settle();
    };
    const onClose = () => {
      if (!ended) settle(prematureClose());
    };
    body.on('data', onData).on('end', onEnd).on('error', settle).on('close', onClose);
  });
}
