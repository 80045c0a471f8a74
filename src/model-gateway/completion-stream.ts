import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { RawCompletionChunk } from './dialects/completion-chunk.js';
import type { ModelRequest, ModelResponse, ModelTransport } from './model-transport.js';
import { type BodyTake, readFlowing } from './flowing-body.js';
import { ModelStatusError, ModelStreamError } from './upstream.errors.js';

/** Where a client's Chat Completions requests go, and the headers every one of them carries. */
export interface CompletionEndpoint {
  url: string;
  headers: Record<string, string>;
}

/** An error answer is read up to this size for its code; the rest is not worth holding. */
export const ERROR_BODY_MAX_BYTES = 64 * 1024;

/** `{ error: {…} }` → the inner object, as the OpenAI SDK reads error answers. */
function errorBodyOf(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const inner = (parsed as { error?: unknown }).error;
    return (typeof inner === 'object' && inner !== null ? inner : parsed) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}

async function statusError(response: ModelResponse): Promise<ModelStatusError> {
  let text = '';
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length >= ERROR_BODY_MAX_BYTES) break;
    }
  } catch {
    // The body broke off: the status is what matters.
  } finally {
    response.body.destroy();
  }
  return new ModelStatusError(response.status, errorBodyOf(text.slice(0, ERROR_BODY_MAX_BYTES)));
}

/** One SSE event as a chunk; undefined at `[DONE]`. Errors in the stream throw. */
function chunkOf(event: EventSourceMessage): RawCompletionChunk | undefined {
  if (event.data === '[DONE]') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    // Not JSON.parse's message: it quotes the malformed text.
    throw new SyntaxError('the model endpoint sent a malformed server-sent event');
  }
  const error = (data as { error?: unknown } | null)?.error;
  if (event.event === 'error' || (typeof error === 'object' && error !== null))
    throw new ModelStreamError((error ?? data) as Record<string, unknown>);
  return data as RawCompletionChunk;
}

/** One call's request: the endpoint's headers come first, the call's own on top. */
export type CompletionCall = Omit<ModelRequest, 'headers'> & { headers?: Record<string, string> };

/** Takes each chunk as it arrives; a promise it returns holds the stream until it settles. */
export type ChunkSink = (chunk: RawCompletionChunk) => Promise<unknown> | undefined;

/**
 * One streamed Chat Completions call: POSTs `body` and hands each chunk to `onChunk` as it
 * arrives, until `[DONE]` or the end of the body. The SSE is read by eventsource-parser straight
 * from the Node stream in flowing mode (readFlowing), with the OpenAI SDK's rules: `[DONE]`
 * ends it, malformed JSON is a SyntaxError, `{"error": …}` or `event: error` is a
 * ModelStreamError, an HTTP error status a ModelStatusError. A push, not an async generator:
 * a generator per layer costs promises on every token (docs/performance.md). When it settles
 * (a throw of `onChunk` or an abort included) the response is destroyed.
 */
export async function readCompletion(
  transport: ModelTransport,
  endpoint: CompletionEndpoint,
  call: CompletionCall,
  onChunk: ChunkSink,
): Promise<void> {
  const response = await transport.post(endpoint.url, {
    ...call,
    headers: { ...endpoint.headers, ...call.headers },
  });
  if (response.status < 200 || response.status >= 300) throw await statusError(response);
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  // undici's body ignores setEncoding: a character split across chunks is joined here.
  const decoder = new StringDecoder('utf8');
  let next = 0;
  /** The parsed events from `next` on, up to one whose chunk is held or ends the stream. */
  const handOver = (): BodyTake => {
    while (next < events.length) {
      const chunk = chunkOf(events[next++] as EventSourceMessage);
      if (!chunk) return 'stop';
      const held = onChunk(chunk);
      if (held) return next < events.length ? held.then(handOver) : held;
    }
    events.length = next = 0;
    return undefined;
  };
  try {
    await readFlowing(response.body, (bytes) => {
      parser.feed(decoder.write(bytes));
      return handOver();
    });
  } finally {
    response.body.destroy();
  }
}
