import type { MessageEvent } from '@nestjs/common';
import type { RunEventBody } from './run-event.types.js';

/**
 * One run event as its SSE frame (PROTOCOL.md section 3): `id` = `seq`, `event` = type,
 * `data` = one JSON line with the common fields and the event's own. The one place frames
 * are shaped, for the run's executor and for whoever closes a run its owner left behind.
 */
export function encodeRunFrame(
  seq: number,
  ids: { runId: string; traceId: string },
  body: RunEventBody,
): MessageEvent {
  const { type, ...fields } = body;
  const event = {
    type,
    seq,
    run_id: ids.runId,
    trace_id: ids.traceId,
    timestamp: Date.now(),
    ...fields,
  };
  return { id: String(seq), type, data: JSON.stringify(event) };
}
