import type { MessageEvent } from '@nestjs/common';
import type { RunEvent } from '../../common/run-events/run-event.types.js';

/**
 * Turns one run's native events, in order, into another protocol's SSE `data` payloads
 * (objects become one JSON line; strings go as they are). Stateful: one per stream, fed every
 * event from seq 1, so a resumed stream rebuilds the state its frames depend on.
 */
export type EventTranslator = (event: RunEvent) => (object | string)[];

/** A wire protocol one run can be read in (`?protocol=<name>`); registered in wire-protocols.ts. */
export interface WireProtocol {
  name: string;
  /** Response headers the protocol's clients look for. */
  headers: Record<string, string>;
  /** Undefined for `native`: its frames go out as stored, byte for byte. */
  translator?: () => EventTranslator;
}

/** PROTOCOL.md's own events: stored frames go out as they are, byte for byte. */
export const NATIVE_PROTOCOL = { name: 'native', headers: {} } as const satisfies WireProtocol;

/**
 * One stored (native) frame in `translate`'s protocol: its SSE `id` stays the native seq, so
 * `Last-Event-ID` resumes every protocol. Frames up to `afterSeq` only feed the translator.
 */
export function translateFrame(
  frame: MessageEvent,
  translate: EventTranslator,
  afterSeq: number,
): MessageEvent[] {
  const payloads = translate(JSON.parse(frame.data as string) as RunEvent);
  if (Number(frame.id) <= afterSeq) return [];
  return payloads.map((payload) => ({
    id: frame.id,
    data: typeof payload === 'string' ? payload : JSON.stringify(payload),
  }));
}
