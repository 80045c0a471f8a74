import { parseSseText, type ReceivedEvent, type ReceivedStream } from './sse-client.js';

export interface RawStream {
  status: number;
  headers: Headers;
  /** The body exactly as it arrived (text/event-stream), or the JSON error's text. */
  text: string;
}

export interface RawStreamOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** Called with the text so far after each chunk; abort `controller` to disconnect. */
  onText?: (text: string, controller: AbortController) => void;
}

/** Reads an SSE response as raw text, so two streams can be compared byte for byte. */
export async function readRawStream(
  url: string,
  options: RawStreamOptions = {},
): Promise<RawStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      accept: 'text/event-stream',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: controller.signal,
  });
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      options.onText?.(text, controller);
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return { status: response.status, headers: response.headers, text };
}

/**
 * The complete event frames of a raw stream as raw text; frames without data (the opening
 * `: run …` with its `retry:` hint, `: ping`) and a frame cut short by a disconnect are left
 * out.
 */
export function eventFramesOf(text: string): string[] {
  const frames = text.split('\n\n');
  frames.pop(); // what follows the last blank line: empty, or a frame still arriving
  return frames.filter((frame) => /^data:/m.test(frame));
}

/** The seq (SSE `id`) of one raw event frame. */
export const seqOf = (frame: string): number => Number(/^id: (\d+)$/m.exec(frame)?.[1]);

/** The run id of a raw stream's opening comment (`: run <id>`), or '' before it arrived. */
export const runIdOf = (text: string): string => /^: run (\S+)$/m.exec(text)?.[1] ?? '';

/** The parsed events of a raw stream. */
export function eventsOf(text: string): ReceivedEvent[] {
  return parseSseText(text);
}

/** A raw stream as the stream assertions take it; `text` replaces its body (joined streams). */
export function receivedOf(raw: RawStream, text = raw.text): ReceivedStream {
  return { status: raw.status, headers: raw.headers, events: eventsOf(text), comments: [] };
}
