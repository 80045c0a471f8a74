import { type Context, context, propagation, trace } from '@opentelemetry/api';
import { SERVICE_NAME, SERVICE_VERSION } from '../health/service-version.js';

/**
 * The service's tracer. Until the SDK registers a provider (TracingSdk, only with an OTLP
 * endpoint) it is the API's no-op tracer: spans are not recording and cost nothing.
 */
export const tracer = trace.getTracer(SERVICE_NAME, SERVICE_VERSION);

/** The W3C trace context of incoming headers (`traceparent`, `tracestate`), or none. */
export function incomingTraceContext(headers: Record<string, unknown>): Context {
  return propagation.extract(context.active(), headers);
}

/** `headers` with the trace context of `ctx` (`traceparent`, `tracestate`) for a request. */
export function withTraceHeaders(
  ctx: Context,
  headers: Record<string, string> = {},
): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return { ...headers, ...carrier };
}
