import type { Readable } from 'node:stream';

export interface CappedBody {
  body: Buffer;
  truncated: boolean;
  /** Bytes received, counting those past the cap that were read before stopping. */
  bytes: number;
}

/**
 * Reads at most `maxBytes` of a body, then stops reading and destroys the stream: a plugin
 * must not make us buffer an unbounded answer.
 */
export async function readCapped(body: Readable, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = maxBytes - bytes;
    bytes += chunk.length;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      body.destroy();
      return { body: Buffer.concat(chunks), truncated: true, bytes };
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), truncated: false, bytes };
}
