import { randomUUID } from 'node:crypto';
import { AIMessage } from '@langchain/core/messages';
import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import type { WorkflowEvent } from '../../../common/run-events/run-event.types.js';
import {
  runToolCall,
  type ToolCallOutcome,
  type ToolCallRequest,
} from '../../../tools/tool-call.runner.js';
import type { RunTool } from '../../../tools/tool.types.js';
import { approvalRequired, deniedCall, stepOf } from '../approval-steps.js';
import { emitEvent } from '../graph-events.js';
import { graphRuntimeError } from './graph-runtime.error.js';
import {
  GRAPH_APPROVAL_IN_MAP,
  GraphNodeKind,
  GraphNodeType,
  type NodeCheckScope,
  type NodeDefinition,
  type NodeResult,
  type NodeRun,
  type NodeVisit,
} from './graph-node.js';
import { TemplatedValue, templatedValueIssues } from './node-templates.js';

interface ToolNode extends NodeDefinition {
  tool: string;
  args?: Record<string, unknown>;
  into?: string;
  on_error?: 'fail' | 'continue';
}

/** The tool's answer as state: the JSON it wrote, else its text (already masked for the model). */
function valueOf(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}

/** The node's call as an assistant message: what a paused run hands back (`done.messages`). */
function callMessage(call: ToolCallRequest & { args: Record<string, unknown> }): AIMessage {
  return new AIMessage({
    content: '',
    tool_calls: [{ id: call.id, name: call.name, args: call.args, type: 'tool_call' }],
  });
}

/** A resumed visit's call: the one its paused visit handed back (the decisions name it). */
function pausedCall(visit: NodeVisit, tool: RunTool): ToolCallRequest {
  const message = visit.resumed?.at(-1);
  const call = message && AIMessage.isInstance(message) ? message.tool_calls?.[0] : undefined;
  if (call?.name !== tool.name)
    throw graphRuntimeError(
      visit.id,
      `the resumed conversation does not end with its call of '${tool.name}'`,
    );
  return { id: call.id ?? '', name: call.name, args: call.args };
}

/**
 * Calls one of the run's tools with templated arguments (`"{{state.city}}"`; a string that
 * is one tag keeps its value's type) and writes its answer into `into`. The call is framed
 * like any (`tool_start`, `tool_result`) and counted by the budget. A failed call ends the run (`on_error: "fail"`, the default) or
 * writes `{"error": {code, message}}` into `into` (`"continue"`).
 * A tool that requires approval pauses the run before the call; resumed, an approved (or
 * edited) call runs, and a denied one writes `{"denied": true, "reason"?}` into `into`: a
 * person's decision, not a failure, so a condition can route on it.
 */
@GraphNodeType('tool')
@Injectable()
export class ToolNodeKind extends GraphNodeKind<ToolNode> {
  override readonly resumable = true;
  readonly fields = {
    description:
      'Calls the tool `tool` with `args` (their strings are templates) and writes its answer into `into`.',
    properties: {
      tool: { type: 'string', description: 'The name of one of runtime_config.tools.' },
      args: { type: 'object', description: 'The arguments; every string in it is a template.' },
      into: { type: 'string', description: 'The state key that receives the answer.' },
      on_error: { enum: ['fail', 'continue'], default: 'fail' },
    },
    required: ['tool'],
  };

  writes(node: ToolNode) {
    return node.into === undefined ? [] : [{ field: 'into', key: node.into }];
  }

  issues(node: ToolNode, scope: NodeCheckScope): FieldIssue[] {
    const issues = templatedValueIssues(node.args ?? {}, `${scope.path}.args`, scope);
    const tool = scope.tools.get(node.tool);
    if (!tool)
      issues.push({
        path: `${scope.path}.tool`,
        message: `no tool '${node.tool}' in runtime_config.tools`,
      });
    else if (tool.requiresApproval && scope.inMap)
      issues.push({ path: `${scope.path}.tool`, message: GRAPH_APPROVAL_IN_MAP });
    return issues;
  }

  build(node: ToolNode): NodeRun {
    const args = new TemplatedValue(node.args ?? {});
    return async (visit) => {
      const { runtime, config } = visit;
      const tool = runtime.tools.get(node.tool) as RunTool;
      const emit = (event: WorkflowEvent) => void emitEvent(config, event);
      const call = visit.resumed
        ? pausedCall(visit, tool)
        : { id: `call_${randomUUID()}`, name: tool.name, args: args.render(visit) };
      const step = stepOf(call, runtime);
      if (step.kind === 'pause') {
        emit(approvalRequired(step, runtime));
        return { finishReason: 'approval_required', added: [callMessage(step.call)] };
      }
      if (step.kind === 'deny') {
        const denial = valueOf(deniedCall(step, emit).content);
        return node.into === undefined ? {} : { values: { [node.into]: denial } };
      }
      const outcome = await runToolCall(tool, step.call, runtime.context.toolContext, emit);
      return this.result(node, visit, outcome);
    };
  }

  private result(node: ToolNode, visit: NodeVisit, outcome: ToolCallOutcome): NodeResult {
    const value = valueOf(outcome.content);
    if (outcome.status === 'error' && node.on_error !== 'continue') {
      const code = (value as { error?: { code?: unknown } } | null)?.error?.code;
      const named = typeof code === 'string' ? ` (${code})` : '';
      throw graphRuntimeError(visit.id, `its call of '${node.tool}' failed${named}`);
    }
    return node.into === undefined ? {} : { values: { [node.into]: value } };
  }
}
