import { EventSource } from 'eventsource';

/** A run event as the native protocol sends it (docs/sse-event-stream.md). */
export type RunEventData = { type: string; seq: number } & Record<string, unknown>;

const RUN_EVENT_TYPES = ['tool_thinking', 'tool_start', 'tool_result', 'message_chunk'];

/**
 * docs/run-control.md, "Resume with an EventSource": follows a run's stream until its `done`.
 * In a browser drop the import and use the global `EventSource`; this file runs in the tests
 * with the `eventsource` package, a WHATWG-compliant EventSource.
 *
 * Two things every EventSource client of this service must do:
 * - our event named `error` (a run that failed) shares its name with EventSource's own
 *   `error` event, fired with no data when the connection drops: only the first has data to
 *   parse. EventSource reconnects by itself after the server's `retry:` hint, sending
 *   Last-Event-ID, so the run goes on from the frame after the last one received;
 * - close the source after `done`: else it reconnects to a finished stream forever.
 */
export function followRun(
  eventsUrl: string,
  onEvent: (event: RunEventData) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const source = new EventSource(eventsUrl);
    for (const type of RUN_EVENT_TYPES)
      source.addEventListener(type, (event) => onEvent(JSON.parse(event.data) as RunEventData));
    source.addEventListener('error', (event) => {
      const data = (event as { data?: unknown }).data;
      if (typeof data === 'string') onEvent(JSON.parse(data) as RunEventData);
    });
    source.addEventListener('done', (event) => {
      onEvent(JSON.parse(event.data) as RunEventData);
      source.close();
      resolve();
    });
  });
}
