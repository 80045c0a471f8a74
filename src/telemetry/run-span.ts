import { type Context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RunErrorCode } from '../common/errors/error-code.js';
import type { RunEventBody } from '../common/run-events/run-event.types.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_FINISH_REASON,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_PLATFORM_TRACE_ID,
  ATTR_RUN_ID,
} from './gen-ai.attributes.js';
import { tracer } from './tracer.js';

/** A run's root span and the context its model and tool spans start from. */
export interface RunSpan {
  span: Span;
  context: Context;
}

/**
 * `invoke_agent {workflow_id}`: one per run, a child of the caller's `traceparent` when it
 * sent one (`parent`).
 */
export function startRunSpan(
  run: { runId: string; traceId: string; workflowId: string },
  parent: Context,
): RunSpan {
  const span = tracer.startSpan(
    `invoke_agent ${run.workflowId}`,
    {
      attributes: {
        [ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent',
        [ATTR_GEN_AI_AGENT_NAME]: run.workflowId,
        [ATTR_RUN_ID]: run.runId,
        [ATTR_PLATFORM_TRACE_ID]: run.traceId,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends the run's span with how it finished, its usage and its error code. */
export function endRunSpan(
  span: Span,
  done: RunEventBody<'done'> | undefined,
  errorCode: RunErrorCode | undefined,
): void {
  if (done)
    span.setAttributes({
      [ATTR_FINISH_REASON]: done.finish_reason,
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: done.usage.prompt_tokens,
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: done.usage.completion_tokens,
    });
  if (errorCode) {
    span.setAttribute(ATTR_ERROR_TYPE, errorCode);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
