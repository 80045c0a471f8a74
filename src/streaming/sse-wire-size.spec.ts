import 'reflect-metadata';
import { PassThrough } from 'node:stream';
import type { MessageEvent } from '@nestjs/common';
import { SseStream } from '@nestjs/core/router/sse-stream.js';
import { sseWireBytes } from './sse-wire-size.js';

/** The bytes Nest's own SseStream writes for `message` (headers aside). */
async function nestWrites(message: MessageEvent): Promise<number> {
  const stream = new SseStream();
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.pipe(sink);
  await new Promise<void>((resolve, reject) =>
    stream.writeMessage(message, (error) => (error ? reject(error) : resolve())),
  );
  await new Promise((resolve) => setImmediate(resolve));
  // commitHeaders writes one "\n" before the first message.
  return Buffer.concat(chunks).length - 1;
}

describe('sseWireBytes', () => {
  const messages: [string, MessageEvent][] = [
    ['a run frame', { id: '12', type: 'message_chunk', data: '{"content":" hello"}' }],
    ['multi-byte text', { id: '3', type: 'message_chunk', data: '{"content":"你好 🌍"}' }],
    ['data with line breaks', { id: '4', data: 'one\ntwo\r\nthree\rfour' }],
    ['the opening comment', { id: '0', retry: 2000, comment: 'run 7d1f' }],
    ['a ping', { comment: 'ping' }],
    ['an object payload', { id: '5', type: 'x', data: { a: [1, 'é'] } as unknown as string }],
  ];

  it.each(messages)('counts %s exactly as Nest writes it', async (_name, message) => {
    expect(sseWireBytes(message, false)).toBe(await nestWrites(message));
  });

  it('adds the HTTP/1.1 chunk framing: hex length, CRLF, CRLF', () => {
    const message = { data: 'x'.repeat(300) };
    const body = sseWireBytes(message, false);
    expect(sseWireBytes(message, true)).toBe(body + body.toString(16).length + 4);
  });
});
