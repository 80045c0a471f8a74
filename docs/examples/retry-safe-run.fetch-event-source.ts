import { fetchEventSource } from '@microsoft/fetch-event-source';

/** A run event as the native protocol sends it (docs/sse-event-stream.md). */
export type RunEventData = { type: string; seq: number } & Record<string, unknown>;

/**
 * docs/run-control.md, "Retry-safe starts": starts a run from a browser so a broken stream
 * never starts it twice. @microsoft/fetch-event-source re-POSTs the same body whenever the
 * stream breaks, with Last-Event-ID; the Idempotency-Key makes that retry attach to the first
 * run and go on after the last frame received, instead of paying the model again.
 *
 * The payload should carry `runtime_config.on_disconnect: "continue"` (or the service a
 * DISCONNECT_GRACE_SECONDS longer than a retry takes): otherwise a broken stream cancels the
 * run before the retry arrives, and the retry replays its `done` (cancelled).
 */
export async function startRun(
  runUrl: string,
  payload: unknown,
  onEvent: (event: RunEventData) => void,
  headers: Record<string, string> = {},
): Promise<void> {
  const controller = new AbortController();
  await fetchEventSource(runUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      // One key per user action; the same key for every retry of it.
      'Idempotency-Key': crypto.randomUUID(),
      ...headers,
    },
    body: JSON.stringify(payload),
    signal: controller.signal,
    openWhenHidden: true,
    async onopen(response) {
      if (response.ok) return;
      // A JSON error before the stream (400, 409, 429, 503): not worth retrying as is.
      throw new Error(`run refused: HTTP ${response.status} ${await response.text()}`);
    },
    onmessage(message) {
      if (!message.data) return; // the opening frame and pings carry no data
      const event = JSON.parse(message.data) as RunEventData;
      onEvent(event);
      if (event.type === 'done') controller.abort(); // the run is over: stop retrying
    },
    onerror(error) {
      if (error instanceof Error && error.message.startsWith('run refused')) throw error;
      // Anything else (the connection broke): return to retry after the server's `retry:`.
    },
  });
}
