import type { IncomingHttpHeaders } from 'node:http';
import { retryAfterMs } from '../common/http/retry-after.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { outsideRuns } from '../common/async/outside-runs.js';
import { errorCauses } from '../common/errors/error-causes.js';
import { backoffDelayMs, isRetryableStatus, MAX_RETRY_AFTER_MS } from './model-call.policy.js';
import { ModelTimeoutError } from './model-timeout.error.js';

export interface ModelTransportOptions {
  maxRetries: number;
  /** Longest silence allowed: until the response headers, then between body chunks. */
  timeoutMs: number;
}

export interface ModelRequest {
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
  /** Told before each retry: its number (from 1) and why (an HTTP status or the error's name). */
  onRetry?: (attempt: number, reason: string) => void;
}

export interface ModelResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** A Node stream (undici's body): read it to the end or destroy it. */
  body: Dispatcher.ResponseData['body'];
}

/** POSTs to model endpoints over pooled connections, with the retry and timeout policy. */
export interface ModelTransport {
  post(url: string, request: ModelRequest): Promise<ModelResponse>;
  /** Closes the pooled connections (at shutdown). */
  close(): Promise<void>;
}

/** Keep-alive connections to model endpoints, shared by every run. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

function isHeadersTimeout(error: unknown): boolean {
  return errorCauses(error).some(
    (link) => (link as { code?: string }).code === 'UND_ERR_HEADERS_TIMEOUT',
  );
}

function webHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) result.set(name, Array.isArray(value) ? value.join(', ') : value);
  return result;
}

/** How long to wait before another attempt at `response`, or undefined: hand it on. */
function retryWaitMs(response: ModelResponse, attempt: number, maxRetries: number) {
  if (!isRetryableStatus(response.status) || attempt >= maxRetries) return undefined;
  const asked = retryAfterMs(webHeaders(response.headers));
  if ((asked ?? 0) > MAX_RETRY_AFTER_MS) return undefined;
  return asked ?? backoffDelayMs(attempt);
}

/**
 * The model client's HTTP: `undici.request` (a Node stream body, no web-stream layers per
 * chunk) on one pool per endpoint origin, whose `headersTimeout`/`bodyTimeout` enforce
 * MODEL_TIMEOUT_SECONDS (until the headers, then between chunks), and bounded retries with
 * backoff or Retry-After before any byte of the body is read (model-call.policy.ts).
 */
export function createModelTransport(options: ModelTransportOptions): ModelTransport {
  const dispatcher = new Agent({
    connect: outsideRuns(buildConnector({})),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
  const post = async (url: string, init: ModelRequest): Promise<ModelResponse> => {
    const { headers, body, signal, onRetry } = init;
    for (let attempt = 0; ; attempt += 1) {
      let response: ModelResponse;
      try {
        const answer = await request(url, { method: 'POST', headers, body, signal, dispatcher });
        response = { status: answer.statusCode, headers: answer.headers, body: answer.body };
      } catch (error) {
        if (signal?.aborted) throw error;
        if (isHeadersTimeout(error)) throw new ModelTimeoutError(options.timeoutMs);
        if (attempt >= options.maxRetries) throw error;
        onRetry?.(attempt + 1, error instanceof Error ? error.name : 'error');
        await sleep(backoffDelayMs(attempt), undefined, { signal });
        continue;
      }
      const wait = retryWaitMs(response, attempt, options.maxRetries);
      if (wait === undefined) return response;
      await response.body.dump();
      onRetry?.(attempt + 1, String(response.status));
      await sleep(wait, undefined, { signal });
    }
  };
  return { post, close: () => dispatcher.close() };
}
