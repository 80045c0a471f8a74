import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TRACE_ID_PATTERN } from './trace-id.pattern.js';

export const TRACE_ID_HEADER = 'x-trace-id';

type TracedRequest = IncomingMessage & { id?: unknown; body?: unknown };

function validTraceId(value: unknown): string | undefined {
  return typeof value === 'string' && TRACE_ID_PATTERN.test(value) ? value : undefined;
}

function payloadTraceId(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const taskMeta = (body as { task_meta?: unknown }).task_meta;
  if (typeof taskMeta !== 'object' || taskMeta === null) return undefined;
  return (taskMeta as { trace_id?: unknown }).trace_id;
}

/**
 * The trace id of a request, decided once: the payload's `task_meta.trace_id`, else an
 * `X-Trace-Id` header from a gateway, else a new UUID. pino-http stores it as `req.id`
 * (the body is parsed before its middleware runs), so logs, errors and the run agree.
 */
export function requestTraceId(req: TracedRequest): string {
  if (typeof req.id === 'string') return req.id;
  return (
    validTraceId(payloadTraceId(req.body)) ??
    validTraceId(req.headers[TRACE_ID_HEADER]) ??
    randomUUID()
  );
}
