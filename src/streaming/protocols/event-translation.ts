import type { RunEvent, RunEventType } from '../../common/run-events/run-event.types.js';
import type { EventTranslator } from './wire-protocol.js';

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
