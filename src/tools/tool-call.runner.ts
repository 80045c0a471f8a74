import type { ToolErrorInfo, WorkflowEvent } from '../common/run-events/run-event.types.js';
import { startToolSpan } from '../telemetry/tool-span.js';
import { ToolError } from './tool.error.js';
import type { RunTool, ToolContext } from './tool.types.js';
import { isJsonObject } from '../common/json/is-json-object.js';

/** A tool call as the model asked for it. */
export interface ToolCallRequest {
  id: string;
  name: string;
  args: unknown;
}

/** What goes back to the model as the tool message. */
export interface ToolCallOutcome {
  content: string;
  status: 'success' | 'error';
}

/** Results longer than this are cut in the tool_result event (the model gets the whole). */
export const MAX_EVENT_RESULT_CHARS = 16 * 1024;

function forEvent(result: unknown): unknown {
  const text = typeof result === 'string' ? result : JSON.stringify(result);
  if (text === undefined || text.length <= MAX_EVENT_RESULT_CHARS) return result;
  return `${text.slice(0, MAX_EVENT_RESULT_CHARS)}…[truncated ${text.length - MAX_EVENT_RESULT_CHARS} chars]`;
}

function toErrorInfo(error: unknown, signal: AbortSignal): ToolErrorInfo {
  if (error instanceof ToolError) return { code: error.code, message: error.message };
  if (signal.aborted) return { code: 'cancelled', message: 'The run was stopped' };
  return { code: 'execution_failed', message: 'The tool failed unexpectedly' };
}

/** The outcome of a call the run's budget did not admit (the run stops before the model sees it). */
const NOT_ADMITTED: ToolCallOutcome = {
  status: 'error',
  content: JSON.stringify({
    error: { code: 'budget_exceeded', message: "The run reached its budget's tool calls" },
  }),
};

/**
 * Runs one tool call between its `tool_start` and `tool_result` events (one place for every
 * workflow). It never throws: a failure becomes a `tool_result` with status error and a
 * tool message the model can react to, so sibling calls keep running. A call the run's
 * budget does not admit (ToolContext.admitCall) does not start: no events; the run stops
 * once the calls that did start have ended.
 */
export async function runToolCall(
  tool: RunTool,
  call: ToolCallRequest,
  context: ToolContext,
  emit: (event: WorkflowEvent) => void,
): Promise<ToolCallOutcome> {
  if (!context.admitCall()) return NOT_ADMITTED;
  const isObject = isJsonObject(call.args);
  const args = (isObject ? call.args : {}) as Record<string, unknown>;
  const ids = { tool_call_id: call.id, tool_name: tool.name };
  emit({ type: 'tool_start', ...ids, tool_type: tool.type, arguments: args });
  const started = performance.now();
  const traced = { ...ids, tool_type: tool.type, target: tool.logTarget };
  const span = startToolSpan(tool, { id: call.id, args }, context);
  try {
    // Unparseable arguments (not a JSON object) are reported like schema violations.
    if (!isObject) throw new ToolError('invalid_arguments', 'Tool arguments must be a JSON object');
    const result = await span.within(() => tool.execute(args, context));
    span.end({ status: 'success', result });
    const duration_ms = Math.round(performance.now() - started);
    emit({ type: 'tool_result', ...ids, status: 'success', result: forEvent(result), duration_ms });
    context.trace.info({ ...traced, status: 'success', duration_ms }, 'tool call');
    const content = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    // The model's answer streams to the client: it must not see a credential to repeat.
    return { status: 'success', content: context.redactor.text(content) };
  } catch (error) {
    const info = toErrorInfo(error, context.signal);
    span.end({ status: 'error', code: info.code });
    const duration_ms = Math.round(performance.now() - started);
    if (!(error instanceof ToolError))
      context.logger.warn({ err: error, tool: tool.name }, 'tool failed');
    emit({ type: 'tool_result', ...ids, status: 'error', result: null, error: info, duration_ms });
    context.trace.info({ ...traced, status: 'error', code: info.code, duration_ms }, 'tool call');
    return {
      status: 'error',
      content: context.redactor.text(JSON.stringify({ error: info })),
    };
  }
}
