import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** A run event as it arrives: the parsed `data` line plus the SSE `id` and `event`. */
export interface ReceivedEvent {
  id: string | undefined;
  event: string | undefined;
  data: Record<string, unknown> & {
    type: string;
    seq: number;
    run_id: string;
    trace_id: string;
    timestamp: number;
  };
}

export interface ReceivedStream {
  status: number;
  headers: Headers;
  events: ReceivedEvent[];
  comments: string[];
  /** Set for a non-SSE answer (a JSON error). */
  json?: Record<string, unknown>;
}

export interface StreamOptions {
  headers?: Record<string, string>;
  /** Called for each event; abort `controller` from here to disconnect mid-stream. */
  onEvent?: (event: ReceivedEvent, controller: AbortController) => void;
  /** Called for each comment frame (`: run ...`, `: ping`); may abort `controller` too. */
  onComment?: (comment: string, controller: AbortController) => void;
}

/**
 * POSTs a payload and reads the answer with a real SSE parser (eventsource-parser), as a
 * browser-side client would. Resolves when the server ends the stream or the client aborts.
 */
export async function postRun(
  url: string,
  body: unknown,
  options: StreamOptions = {},
): Promise<ReceivedStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: controller.signal,
  });
  const received: ReceivedStream = {
    status: response.status,
    headers: response.headers,
    events: [],
    comments: [],
  };
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    received.json = (await response.json()) as Record<string, unknown>;
    return received;
  }
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      const event = {
        id: message.id,
        event: message.event,
        data: JSON.parse(message.data),
      } as ReceivedEvent;
      received.events.push(event);
      options.onEvent?.(event, controller);
    },
    onComment: (comment: string) => {
      received.comments.push(comment.trim());
      options.onComment?.(comment.trim(), controller);
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return received;
}

/** Parses a complete SSE body (as supertest buffers it) into its events. */
export function parseSseText(text: string): ReceivedEvent[] {
  const events: ReceivedEvent[] = [];
  const parser = createParser({
    onEvent: (message: EventSourceMessage) =>
      events.push({
        id: message.id,
        event: message.event,
        data: JSON.parse(message.data),
      } as ReceivedEvent),
  });
  parser.feed(text);
  return events;
}
