import type { MessageEvent } from '@nestjs/common';

const LINE_BREAK = /\r\n|\r|\n/;
const BREAK_CHARACTER = /[\r\n]/;

/** Bytes of `prefix` + each line of `value` + "\n", as Nest's SseStream writes them. */
function linesBytes(value: string, prefix: string): number {
  // A frame's JSON has no line break (JSON.stringify escapes them): one line, no split.
  if (!BREAK_CHARACTER.test(value)) return prefix.length + Buffer.byteLength(value) + 1;
  let bytes = 0;
  for (const line of value.split(LINE_BREAK)) bytes += prefix.length + Buffer.byteLength(line) + 1;
  return bytes;
}

function fieldBytes(name: string, value: unknown): number {
  if (value === undefined || value === null) return 0;
  const text = String(value);
  const line = BREAK_CHARACTER.test(text) ? text.replace(/[\r\n]/g, '') : text;
  return name.length + Buffer.byteLength(line) + 1;
}

/**
 * The bytes one message puts on the socket: its text/event-stream form (Nest's SseStream
 * `formatMessage`: event, id, retry, comment lines, data lines, blank line), in UTF-8, inside
 * its HTTP/1.1 chunk (`<hex length>\r\n … \r\n`) when the response is chunked. Exact, not
 * estimated: the socket window compares it with the socket's own byte count, and an error of
 * a few bytes per frame adds up over a long run until the window never closes (measured: a
 * 200,000-frame run drifted 13 MB when only the data was counted). Every message of ours has
 * an id but the comment-only ones (pings), which Nest does not number either.
 */
export function sseWireBytes(message: MessageEvent, chunked: boolean): number {
  let bytes = fieldBytes('event: ', message.type) + fieldBytes('id: ', message.id);
  bytes += fieldBytes('retry: ', message.retry);
  if (message.comment !== undefined && message.comment !== null)
    bytes += linesBytes(String(message.comment), ': ');
  if (message.data !== undefined && message.data !== null) {
    const data = typeof message.data === 'string' ? message.data : JSON.stringify(message.data);
    bytes += linesBytes(data, 'data: ');
  }
  bytes += 1;
  return chunked ? bytes + bytes.toString(16).length + 4 : bytes;
}
