import { RequestError } from '../common/errors/execution-plane.error.js';

const SEQ_PATTERN = /^\d{1,15}$/;

/**
 * The seq a reader already has: `Last-Event-ID` (what EventSource and fetch-event-source send
 * on reconnect) wins over `?after=`; neither: 0, from the start.
 */
export function afterSeqOf(lastEventId: string | undefined, after?: string): number {
  const [path, value] =
    lastEventId !== undefined ? ['Last-Event-ID', lastEventId] : ['after', after];
  if (value === undefined || value === '') return 0;
  if (!SEQ_PATTERN.test(value)) {
    throw new RequestError('invalid_payload', `${path} must be a seq (a non-negative integer)`, [
      { path, message: 'must be a non-negative integer' },
    ]);
  }
  return Number(value);
}
