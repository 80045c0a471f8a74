import type { RunEvent, RunEventType } from '../../common/run-events/run-event.types.js';
import type { EventTranslator } from './wire-protocol.js';

/** What `done` says of the run beyond the frame's common fields, for a protocol's own finish. */
const DONE_OUTCOME_FIELDS = [
  'finish_reason',
  'usage',
  'duration_ms',
  'output',
  'cost',
  'model',
  'models_tried',
  'messages',
  'graph_state',
] as const satisfies readonly (keyof RunEvent<'done'>)[];

/** The run's outcome as `done` reports it (the fields it has), for `finish`/`RUN_FINISHED`. */
export function runOutcomeOf(event: RunEvent<'done'>): Partial<RunEvent<'done'>> {
  return Object.fromEntries(
    DONE_OUTCOME_FIELDS.filter((field) => event[field] !== undefined).map((field) => [
      field,
      event[field],
    ]),
  );
}

/** One SSE `data` payload: an object becomes one JSON line, a string goes as it is. */
export type Frame = object | string;

/** One translated protocol's frames for each native event type. */
export type EventHandlers = { [T in RunEventType]: (event: RunEvent<T>) => Frame[] };

/**
 * A translator from an opening frame (sent once, before the first event's frames) and one
 * handler per event type. A new native event type does not compile until every protocol
 * handles it.
 */
export function translatorOf(
  opening: (first: RunEvent) => Frame,
  handlers: EventHandlers,
): EventTranslator {
  let opened = false;
  return (event) => {
    const frames = (handlers[event.type] as (event: RunEvent) => Frame[])(event);
    if (opened) return frames;
    opened = true;
    return [opening(event), ...frames];
  };
}
