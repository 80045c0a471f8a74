import type { AIMessage } from '@langchain/core/messages';
import { ToolMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import pLimit from 'p-limit';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import {
  runToolCall,
  type ToolCallOutcome,
  type ToolCallRequest,
} from '../../tools/tool-call.runner.js';
import { emitEvent } from './graph-events.js';
import { graphRuntimeOf } from './graph-runtime.js';
import type { RunStateUpdate, RunStateValues } from './run-state.js';

/** The model's own tool name is not quoted: it may repeat a secret it saw. */
function unknownToolOutcome(): ToolCallOutcome {
  const error = {
    code: 'unknown_tool',
    message: 'The model asked for a tool that is not available',
  };
  return { status: 'error', content: JSON.stringify({ error }) };
}

/** The calls of the last message; unparseable ones too (the runner reports them invalid). */
function requestedCalls(state: RunStateValues): ToolCallRequest[] {
  const last = state.messages.at(-1) as AIMessage;
  return [
    ...(last.tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.name,
      args: call.args as unknown,
    })),
    ...(last.invalid_tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.name ?? '',
      args: call.args,
    })),
  ];
}

/** Whether the last message asks for tool calls (valid or not). */
export function wantsTools(state: RunStateValues): boolean {
  const last = state.messages.at(-1) as AIMessage;
  return (last.tool_calls?.length ?? 0) + (last.invalid_tool_calls?.length ?? 0) > 0;
}

/**
 * A graph node that runs the last message's tool calls concurrently (up to
 * MAX_PARALLEL_TOOLS), each between its `tool_start` and `tool_result` events, and answers
 * each with a tool message; a failure stays with its call.
 */
export async function toolNode(
  state: RunStateValues,
  config: LangGraphRunnableConfig,
): Promise<RunStateUpdate> {
  const { tools, context } = graphRuntimeOf(config);
  const calls = requestedCalls(state);
  // Tool events are few (two per call): queued, never waited on.
  const emit = (event: WorkflowEvent) => void emitEvent(config, event);
  const limit = pLimit(context.maxParallelTools);
  const outcomes = await Promise.all(
    calls.map((call) =>
      limit(() => {
        const tool = tools.get(call.name);
        return tool ? runToolCall(tool, call, context.toolContext, emit) : unknownToolOutcome();
      }),
    ),
  );
  const messages = outcomes.map(
    (outcome, index) =>
      new ToolMessage({
        content: outcome.content,
        tool_call_id: calls[index].id,
        name: calls[index].name,
        status: outcome.status,
      }),
  );
  return { messages };
}
