import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestErrorCode } from '../errors/error-code.js';
import { REQUEST_ERROR_STATUS } from '../errors/error-code.js';

/** What Node's HTTP parser refused, as one of our request error codes with a fixed message. */
function refusalOf(code: string | undefined): [RequestErrorCode, string] {
  if (code === 'HPE_HEADER_OVERFLOW')
    return ['request_headers_too_large', 'The request headers are too large'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return ['request_timeout', 'The request was not received in time'];
  return ['invalid_request', 'The request is not valid HTTP'];
}

/**
 * Requests Node's own parser refuses (malformed HTTP, headers over the limit, a client too
 * slow to send its request within HTTP_HEADERS_TIMEOUT_SECONDS / HTTP_REQUEST_TIMEOUT_SECONDS)
 * never reach Nest. They still get the JSON error envelope of PROTOCOL.md section 4, on a
 * connection that is then closed; a socket that is already gone is just destroyed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [code, message] = refusalOf(error.code);
    const status = REQUEST_ERROR_STATUS[code];
    const body = JSON.stringify({ error: { code, message, trace_id: randomUUID() } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
