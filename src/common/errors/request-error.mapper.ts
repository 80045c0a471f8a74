import { HttpException, HttpStatus } from '@nestjs/common';
import { RequestError } from './execution-plane.error.js';

/** body-parser's error `type`s (https://github.com/expressjs/body-parser#errors). */
interface BodyParserError {
  type?: string;
  limit?: number;
}

function fromHttpException(exception: HttpException): RequestError {
  // Refused below Nest with a reason of our own (the JSON body verifier): answered as it is.
  if (exception.cause instanceof RequestError) return exception.cause;
  const cause = (exception.cause ?? {}) as BodyParserError;
  switch (exception.getStatus()) {
    case HttpStatus.BAD_REQUEST:
      // The router's own 400: a path segment that is not valid percent-encoding.
      if (cause instanceof URIError)
        return new RequestError(
          'invalid_request',
          'The request path is not valid percent-encoding',
        );
      return cause.type === 'entity.parse.failed'
        ? new RequestError('invalid_json', 'The request body is not valid JSON')
        : new RequestError('invalid_json', 'The request body could not be read');
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return new RequestError(
        'payload_too_large',
        `The request body exceeds the limit of ${cause.limit ?? 'MAX_PAYLOAD_BYTES'} bytes`,
      );
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return new RequestError('unsupported_media_type', 'The request body must be UTF-8 JSON');
    case HttpStatus.NOT_FOUND:
      return new RequestError('not_found', 'No such route');
    case HttpStatus.UNAUTHORIZED:
      return new RequestError('unauthorized', 'A valid bearer token is required');
    default:
      return new RequestError('internal_error', 'The request could not be processed');
  }
}

/**
 * The HTTP error boundary's mapping: every exception becomes a RequestError whose message is
 * safe to send. Unknown errors become a 500 internal_error with a fixed message.
 */
export function toRequestError(exception: unknown): RequestError {
  if (exception instanceof RequestError) return exception;
  if (exception instanceof HttpException) return fromHttpException(exception);
  return new RequestError('internal_error', 'Internal error');
}
