import type { ToolDecision } from '../../approval/approval-decisions.js';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import type { ToolCallOutcome, ToolCallRequest } from '../../tools/tool-call.runner.js';
import type { RunTool } from '../../tools/tool.types.js';
import type { GraphRuntime } from './graph-runtime.js';
import { isJsonObject } from '../../common/json/is-json-object.js';

/** What a turn does with one call: run it (as asked, or with edited arguments), deny it, or pause. */
export type CallStep =
  | { kind: 'run'; call: ToolCallRequest }
  | { kind: 'deny'; call: ToolCallRequest; tool: RunTool; reason?: string }
  | { kind: 'pause'; call: ToolCallRequest & { args: Record<string, unknown> }; tool: RunTool };

/**
 * The step of one call: a resume's decision first (approve and edit run the decided
 * arguments, deny is told to the model), else a call of a tool that requires approval pauses
 * — unless its arguments are not an object, which the runner refuses without running it.
 */
export function stepOf(call: ToolCallRequest, runtime: GraphRuntime): CallStep {
  const tool = runtime.tools.get(call.name);
  const decision: ToolDecision | undefined = runtime.context.approval.decisions.get(call.id);
  if (tool && decision?.decision === 'deny')
    return { kind: 'deny', call, tool, reason: decision.reason };
  if (decision) return { kind: 'run', call: { ...call, args: decision.arguments } };
  if (tool?.requiresApproval && isJsonObject(call.args))
    return { kind: 'pause', call: { ...call, args: call.args }, tool };
  return { kind: 'run', call };
}

/**
 * A denied call, framed like any call (`tool_start`, then a `tool_result` with status
 * error and code `approval_denied`); the model is told `{"denied": true, "reason": …}`.
 */
export function deniedCall(
  step: Extract<CallStep, { kind: 'deny' }>,
  emit: (event: WorkflowEvent) => void,
): ToolCallOutcome {
  const { call, tool } = step;
  const ids = { tool_call_id: call.id, tool_name: tool.name };
  const args = isJsonObject(call.args) ? call.args : {};
  emit({ type: 'tool_start', ...ids, tool_type: tool.type, arguments: args });
  const result = { denied: true, ...(step.reason !== undefined && { reason: step.reason }) };
  emit({
    type: 'tool_result',
    ...ids,
    status: 'error',
    result,
    error: { code: 'approval_denied', message: 'A person denied this call' },
    duration_ms: 0,
  });
  return { status: 'error', content: JSON.stringify(result) };
}

/** The event of a call that waits: its arguments as the model wrote them, and its token. */
export function approvalRequired(
  step: Extract<CallStep, { kind: 'pause' }>,
  runtime: GraphRuntime,
): WorkflowEvent {
  const { call, tool } = step;
  const signed = runtime.context.approval.request({
    toolCallId: call.id,
    toolName: tool.name,
    arguments: call.args,
  });
  return {
    type: 'tool_approval_required',
    tool_call_id: call.id,
    tool_name: tool.name,
    tool_type: tool.type,
    arguments: call.args,
    ...signed,
  };
}
