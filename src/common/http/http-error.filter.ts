import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { toRequestError } from '../errors/request-error.mapper.js';
import { requestTraceId } from '../trace/request-trace-id.js';

/**
 * The one HTTP error envelope (PROTOCOL.md section 4):
 * `{"error": {code, message, details?, trace_id}}`. Once a stream has started, errors are
 * the stream's to report, so a response with headers sent is left alone.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = toRequestError(exception);
    const traceId = requestTraceId(request);
    // A request refused before the logging middleware ran (e.g. unreadable JSON) has no
    // request logger yet, so the trace id is added by hand.
    const bindings =
      'log' in request ? { code: error.code } : { code: error.code, trace_id: traceId };
    if (error.status >= 500) {
      this.logger.error({ ...bindings, err: exception }, 'request failed');
    } else {
      // Paths and codes only: values may be secrets or user text.
      const fields = error.details && [...new Set(error.details.map((issue) => issue.path))];
      this.logger.info({ ...bindings, fields }, 'request refused');
    }
    if (response.headersSent) return;
    if (error.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    response.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.details && { details: error.details }),
        trace_id: traceId,
      },
    });
  }
}
