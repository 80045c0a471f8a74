import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch as undiciFetch } from 'undici';
import { errorCauses } from '../common/errors/error-causes.js';
import {
  backoffDelayMs,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
} from './model-call.policy.js';
import { ModelTimeoutError } from './model-timeout.error.js';

export interface ModelFetchOptions {
  maxRetries: number;
  /** Longest silence allowed: until the response headers, then between body chunks. */
  timeoutMs: number;
  /** Sent as the api key when the payload has none; its Authorization header is dropped. */
  noApiKey: string;
}

export interface ModelFetch {
  fetch: typeof fetch;
  /** Closes the pooled connections (at shutdown). */
  close(): Promise<void>;
}

/** Keep-alive connections to model endpoints, shared by every run. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

function withoutPlaceholderKey(init: RequestInit | undefined, noApiKey: string): Headers {
  const headers = new Headers(init?.headers);
  if (headers.get('authorization') === `Bearer ${noApiKey}`) headers.delete('authorization');
  return headers;
}

function isHeadersTimeout(error: unknown): boolean {
  return errorCauses(error).some(
    (link) => (link as { code?: string }).code === 'UND_ERR_HEADERS_TIMEOUT',
  );
}

/**
 * The fetch the model client uses: one undici pool per endpoint origin whose
 * `headersTimeout`/`bodyTimeout` enforce MODEL_TIMEOUT_SECONDS (until the headers, then
 * between chunks), and bounded retries with backoff or Retry-After (model-call.policy.ts).
 */
export function createModelFetch(options: ModelFetchOptions): ModelFetch {
  const dispatcher = new Agent({
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
  const modelFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const headers = withoutPlaceholderKey(init, options.noApiKey);
    const signal = init?.signal ?? undefined;
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = (await undiciFetch(
          input as string,
          { ...init, headers, dispatcher } as never,
        )) as unknown as Response;
      } catch (error) {
        if (signal?.aborted) throw error;
        if (isHeadersTimeout(error)) throw new ModelTimeoutError(options.timeoutMs);
        if (attempt >= options.maxRetries) throw error;
        await sleep(backoffDelayMs(attempt), undefined, { signal });
        continue;
      }
      const wait = isRetryableStatus(response.status) ? retryAfterMs(response.headers) : undefined;
      const retry =
        isRetryableStatus(response.status) &&
        attempt < options.maxRetries &&
        (wait ?? 0) <= MAX_RETRY_AFTER_MS;
      if (!retry) return response;
      await response.body?.cancel();
      await sleep(wait ?? backoffDelayMs(attempt), undefined, { signal });
    }
  };
  return { fetch: modelFetch as typeof fetch, close: () => dispatcher.close() };
}
