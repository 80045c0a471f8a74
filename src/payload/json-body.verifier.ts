import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import { scanJsonShape } from './payload-shape.js';

/** body-parser's error for a body refused by its shape, mapped to 400 invalid_payload. */
export const SHAPE_REFUSED_TYPE = 'payload.shape' as const;

export interface ShapeRefusal extends Error {
  status: 400;
  type: typeof SHAPE_REFUSED_TYPE;
  issue: FieldIssue;
}

/**
 * The JSON parser's `verify` hook: runs on the raw body before it is parsed.
 * - JSON is UTF-8 (RFC 8259 section 8.1); the parser would also decode UTF-16 and UTF-32
 *   bodies, so any other declared charset is refused (415);
 * - the body's shape is measured (scanJsonShape) so no parse, mapping or validation is paid
 *   for a body past MAX_PAYLOAD_KEYS, MAX_KEYS_PER_OBJECT or MAX_JSON_DEPTH (400).
 */
export function jsonBodyVerifier(maxPayloadKeys: number) {
  return (_request: unknown, _response: unknown, body: Buffer, encoding: string): void => {
    if (encoding.toLowerCase() !== 'utf-8')
      throw Object.assign(new Error('unsupported charset'), {
        status: 415,
        type: 'charset.unsupported',
      });
    const issue = scanJsonShape(body, { maxMembers: maxPayloadKeys });
    if (issue) {
      const fields = { status: 400 as const, type: SHAPE_REFUSED_TYPE, issue };
      throw Object.assign(new Error(issue.message), fields) satisfies ShapeRefusal;
    }
  };
}
