import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * Aborts its signal with a ModelTimeoutError after `timeoutMs` without progress, or as soon
 * as the caller's signal aborts. `touch()` marks progress.
 */
class IdleDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.controller.abort(this.caller?.reason);

  constructor(
    timeoutMs: number,
    private readonly caller: AbortSignal | null | undefined,
  ) {
    this.timer = setTimeout(
      () => this.controller.abort(new ModelTimeoutError(timeoutMs)),
      timeoutMs,
    );
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (caller?.aborted) this.onCallerAbort();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    this.timer.refresh();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Passes the body through, marking progress on each chunk; clears the deadline at the end. */
function watchBody(response: Response, deadline: IdleDeadline): Response {
  if (!response.body) {
    deadline.clear();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          deadline.clear();
          controller.close();
          return;
        }
        deadline.touch();
        controller.enqueue(value);
      } catch (error) {
        deadline.clear();
        // A silent upstream aborts the read; report the timeout, not the abort.
        controller.error(
          deadline.signal.reason instanceof ModelTimeoutError ? deadline.signal.reason : error,
        );
      }
    },
    cancel(reason) {
      deadline.clear();
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function withoutPlaceholderKey(init: RequestInit | undefined, noApiKey: string): Headers {
  const headers = new Headers(init?.headers);
  if (headers.get('authorization') === `Bearer ${noApiKey}`) headers.delete('authorization');
  return headers;
}

/**
 * The fetch the model client uses: bounded retries with backoff and Retry-After (see
 * model-call.policy.ts), and an idle timeout over the whole exchange.
 */
export function createModelFetch(options: ModelFetchOptions): typeof fetch {
  return async (input, init) => {
    const headers = withoutPlaceholderKey(init, options.noApiKey);
    for (let attempt = 0; ; attempt += 1) {
      const deadline = new IdleDeadline(options.timeoutMs, init?.signal);
      let response: Response;
      try {
        response = await fetch(input, { ...init, headers, signal: deadline.signal });
      } catch (error) {
        deadline.clear();
        if (init?.signal?.aborted) throw error;
        if (deadline.signal.reason instanceof ModelTimeoutError) throw deadline.signal.reason;
        if (attempt >= options.maxRetries) throw error;
        await sleep(backoffDelayMs(attempt), undefined, { signal: init?.signal ?? undefined });
        continue;
      }
      const wait = isRetryableStatus(response.status) ? retryAfterMs(response.headers) : undefined;
      const retry =
        isRetryableStatus(response.status) &&
        attempt < options.maxRetries &&
        (wait ?? 0) <= MAX_RETRY_AFTER_MS;
      if (!retry) return watchBody(response, deadline);
      deadline.clear();
      await response.body?.cancel();
      await sleep(wait ?? backoffDelayMs(attempt), undefined, {
        signal: init?.signal ?? undefined,
      });
    }
  };
}
