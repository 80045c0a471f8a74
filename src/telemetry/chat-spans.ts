import { type Context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { RawUsage } from '../model-gateway/dialects/completion-chunk.js';
import type { ModelCallListener, ModelCallTracker } from '../model-gateway/model-call.listener.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from './gen-ai.attributes.js';
import { tracer, withTraceHeaders } from './tracer.js';

/** Request fields as span attributes: the sampling parameters a request gave. */
const REQUEST_ATTRIBUTES: Record<string, string> = {
  temperature: ATTR_GEN_AI_REQUEST_TEMPERATURE,
  top_p: ATTR_GEN_AI_REQUEST_TOP_P,
  max_tokens: ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  max_completion_tokens: ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  seed: ATTR_GEN_AI_REQUEST_SEED,
  presence_penalty: ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  frequency_penalty: ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
};

function requestAttributes(request: Record<string, unknown>) {
  const attributes: Record<string, number | string | string[] | boolean> = {
    [ATTR_GEN_AI_REQUEST_STREAM]: true,
  };
  for (const [field, name] of Object.entries(REQUEST_ATTRIBUTES))
    if (typeof request[field] === 'number') attributes[name] = request[field];
  const stop = request.stop;
  if (stop !== undefined)
    attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = [stop].flat().map(String);
  return attributes;
}

/** What an answered call reports: how it finished and the provider's usage, where given. */
function responseAttributes(usage: RawUsage | undefined, finishReason: string | undefined) {
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  const counts: [string, number | null | undefined][] = [
    [ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage?.prompt_tokens],
    [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage?.completion_tokens],
    [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cached],
    [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, reasoning],
  ];
  return {
    ...(finishReason && { [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [finishReason] }),
    ...Object.fromEntries(counts.filter(([, count]) => typeof count === 'number')),
  };
}

/**
 * The `chat {model}` span of each model call of one run (a ModelCallListener beside the
 * run's account): the request's parameters, time to first chunk, finish reason and usage,
 * `error.type` on failure, and the span's `traceparent` on the request. With
 * `captureContent` the messages and the answer, masked like logs; never otherwise. Spans
 * that do not record (tracing off) skip all of it.
 */
export class ChatSpans implements ModelCallListener {
  constructor(
    private readonly parent: () => Context,
    private readonly capture: { content: boolean; redactor: SecretRedactor },
  ) {}

  call(model: string, body: string): ModelCallTracker {
    const span = tracer.startSpan(
      `chat ${model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
          [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
          [ATTR_GEN_AI_REQUEST_MODEL]: model,
        },
      },
      this.parent(),
    );
    if (!span.isRecording()) return { piece: () => undefined, end: () => undefined };
    const request = JSON.parse(body) as Record<string, unknown>;
    span.setAttributes(requestAttributes(request));
    if (this.capture.content)
      span.setAttribute(ATTR_GEN_AI_INPUT_MESSAGES, this.masked(request.messages));
    return this.tracker(span);
  }

  private tracker(span: Span): ModelCallTracker {
    const startedAt = performance.now();
    let firstChunkAt: number | undefined;
    const answer: string[] = [];
    return {
      headers: withTraceHeaders(trace.setSpan(this.parent(), span)),
      retry: (attempt, reason) =>
        span.addEvent('execution_plane.model_retry', { attempt, [ATTR_ERROR_TYPE]: reason }),
      piece: (piece) => {
        firstChunkAt ??= performance.now();
        if (this.capture.content && piece.text) answer.push(piece.text);
      },
      end: (end) => {
        if (firstChunkAt !== undefined)
          span.setAttribute(
            ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
            (firstChunkAt - startedAt) / 1000,
          );
        if (end.outcome === 'answered') {
          span.setAttributes(responseAttributes(end.usage, end.finishReason));
          if (this.capture.content)
            span.setAttribute(
              ATTR_GEN_AI_OUTPUT_MESSAGES,
              this.masked([{ role: 'assistant', content: answer.join('') }]),
            );
        } else {
          span.setAttribute(ATTR_ERROR_TYPE, end.code);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      },
    };
  }

  private masked(value: unknown): string {
    return this.capture.redactor.text(JSON.stringify(value ?? null));
  }
}
