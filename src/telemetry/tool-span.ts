import { context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ToolType } from '../common/run-events/run-event.types.js';
import type { ToolContext } from '../tools/tool.types.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_TOOL_KIND,
} from './gen-ai.attributes.js';
import { tracer } from './tracer.js';

/** Our tool types in the conventions' words: code of ours is a function, a server an extension. */
const GEN_AI_TOOL_TYPES: Record<ToolType, string> = {
  NATIVE: 'function',
  HTTP: 'extension',
  MCP: 'extension',
};

/** A tool call's span, and how it ended. */
export interface ToolSpan {
  /** Runs `execute` with this span current, so its HTTP or MCP request is a child of it. */
  within<T>(execute: () => Promise<T>): Promise<T>;
  end(outcome: { status: 'success'; result: unknown } | { status: 'error'; code: string }): void;
}

/**
 * `execute_tool {name}`: one per tool call, a child of the run's span. With
 * `captureContent` the arguments and result, masked like logs.
 */
export function startToolSpan(
  tool: { name: string; type: ToolType },
  call: { id: string; args: unknown },
  toolContext: ToolContext,
): ToolSpan {
  const { telemetry, redactor } = toolContext;
  const span: Span = tracer.startSpan(
    `execute_tool ${tool.name}`,
    {
      attributes: {
        [ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool',
        [ATTR_GEN_AI_TOOL_NAME]: tool.name,
        [ATTR_GEN_AI_TOOL_TYPE]: GEN_AI_TOOL_TYPES[tool.type],
        [ATTR_TOOL_KIND]: tool.type,
        [ATTR_GEN_AI_TOOL_CALL_ID]: call.id,
      },
    },
    telemetry.context,
  );
  const capture = telemetry.captureContent && span.isRecording();
  const masked = (value: unknown) =>
    redactor.text(typeof value === 'string' ? value : JSON.stringify(value ?? null));
  if (capture) span.setAttribute(ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, masked(call.args));
  const current = trace.setSpan(telemetry.context, span);
  return {
    within: (execute) => context.with(current, execute),
    end: (outcome) => {
      if (outcome.status === 'error') {
        span.setAttribute(ATTR_ERROR_TYPE, outcome.code);
        span.setStatus({ code: SpanStatusCode.ERROR });
      } else if (capture) span.setAttribute(ATTR_GEN_AI_TOOL_CALL_RESULT, masked(outcome.result));
      span.end();
    },
  };
}
