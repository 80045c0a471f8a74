import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from './gen-ai.attributes.js';
import { tracer, withTraceHeaders } from './tracer.js';

/** An outgoing request's span and the headers that carry it to the server. */
export interface HttpClientSpan {
  headers: Record<string, string>;
  end(outcome: { status: number } | { error: string }): void;
}

/**
 * A CLIENT span for one request to a tool server or webhook, a child of the current span
 * (a tool call's), named by its method (HTTP semantic conventions). Only the server's
 * address and port: a URL's path and query may hold vault values or arguments.
 */
export function startHttpClientSpan(
  method: string,
  url: string,
  headers: Record<string, string> = {},
): HttpClientSpan {
  const { hostname, port, protocol } = new URL(url);
  const span: Span = tracer.startSpan(method, {
    kind: SpanKind.CLIENT,
    attributes: {
      [ATTR_HTTP_REQUEST_METHOD]: method,
      [ATTR_SERVER_ADDRESS]: hostname,
      [ATTR_SERVER_PORT]: Number(port) || (protocol === 'https:' ? 443 : 80),
    },
  });
  return {
    headers: withTraceHeaders(trace.setSpan(context.active(), span), headers),
    end: (outcome) => {
      if ('status' in outcome) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
      const failed = 'error' in outcome || outcome.status >= 400;
      if (failed) {
        span.setAttribute(
          ATTR_ERROR_TYPE,
          'error' in outcome ? outcome.error : String(outcome.status),
        );
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
  };
}
