/** One SSE frame as the playground needs it: the run event and its raw fields. */
export interface StreamFrame {
  id: string | undefined;
  event: string | undefined;
  data: Record<string, unknown> & { type: string; seq: number };
}

export interface StreamCallbacks {
  onOpen(response: Response): void;
  onFrame(frame: StreamFrame): void;
}

/**
 * Reads a text/event-stream body frame by frame (the subset the service sends: `event`,
 * `id`, `data` lines and `:` comments; https://html.spec.whatwg.org/#event-stream-interpretation).
 */
async function readFrames(body: ReadableStream<Uint8Array>, onFrame: (frame: StreamFrame) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue; // comments (`: ping`) and blank lines
        const value = line.slice(colon + 1).replace(/^ /, '');
        const name = line.slice(0, colon);
        fields[name] =
          name === 'data' && fields.data !== undefined ? `${fields.data}\n${value}` : value;
      }
      if (fields.data !== undefined)
        onFrame({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
      end = buffer.indexOf('\n\n');
    }
  }
}

/** A JSON error answer of the service, as the page shows it. */
export class RequestFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      error?: { code?: string; message?: string; details?: { path: string; message: string }[] };
    },
  ) {
    super(body.error?.message ?? `HTTP ${status}`);
  }
}

/** Sends a request whose answer is a run stream; resolves when the stream ends (or aborts). */
export async function streamRequest(
  url: string,
  init: RequestInit,
  callbacks: StreamCallbacks,
): Promise<void> {
  const response = await fetch(url, init);
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => ({}));
    throw new RequestFailure(response.status, body);
  }
  callbacks.onOpen(response);
  await readFrames(response.body, callbacks.onFrame);
}
