import { RequestError } from '../common/errors/execution-plane.error.js';
import { scanJsonShape } from './payload-shape.js';

/**
 * The JSON parser's `verify` hook: runs on the raw body before it is parsed. It throws
 * RequestErrors, which the HTTP error filter answers as they are (body-parser keeps their
 * `status`).
 * - JSON is UTF-8 (RFC 8259 section 8.1); the parser would also decode UTF-16 and UTF-32
 *   bodies, so any other declared charset is refused (415);
 * - the body's shape is measured (scanJsonShape) so no parse, mapping or validation is paid
 *   for a body past MAX_PAYLOAD_KEYS, MAX_KEYS_PER_OBJECT or MAX_JSON_DEPTH (400).
 */
export function jsonBodyVerifier(maxPayloadKeys: number) {
  return (_request: unknown, _response: unknown, body: Buffer, encoding: string): void => {
    if (encoding.toLowerCase() !== 'utf-8')
      throw new RequestError('unsupported_media_type', 'The request body must be UTF-8 JSON');
    const issue = scanJsonShape(body, { maxMembers: maxPayloadKeys });
    if (issue)
      throw new RequestError('invalid_payload', `The request body is too large: ${issue.message}`, [
        issue,
      ]);
  };
}
