import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import pLimit from 'p-limit';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import {
  runToolCall,
  type ToolCallOutcome,
  type ToolCallRequest,
} from '../../tools/tool-call.runner.js';
import { approvalRequired, deniedCall, stepOf } from './approval-steps.js';
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

/**
 * The calls of the last assistant message that no tool message after it answers: all of
 * them in a turn, those that waited for approval in a resumed run; unparseable ones too (the
 * runner reports them invalid).
 */
function requestedCalls(history: readonly BaseMessage[]): ToolCallRequest[] {
  const index = history.findLastIndex((message) => AIMessage.isInstance(message));
  const last = history[index] as AIMessage | undefined;
  const answered = new Set(
    history
      .slice(index + 1)
      .flatMap((message) => (ToolMessage.isInstance(message) ? [message.tool_call_id] : [])),
  );
  const calls = [
    ...(last?.tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.name,
      args: call.args as unknown,
    })),
    ...(last?.invalid_tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.name ?? '',
      args: call.args,
    })),
  ];
  return calls.filter((call) => !answered.has(call.id));
}

/** Whether the last message asks for tool calls (valid or not). */
export function wantsTools(state: Pick<RunStateValues, 'messages'>): boolean {
  const last = state.messages.at(-1) as AIMessage;
  return (last.tool_calls?.length ?? 0) + (last.invalid_tool_calls?.length ?? 0) > 0;
}

/** What answering a turn's calls gave: a tool message per call that ran, and whether some wait. */
export interface AnsweredCalls {
  messages: ToolMessage[];
  paused: boolean;
}

/**
 * Runs the tool calls of the last assistant message of `history` that nothing answered yet,
 * concurrently (up to MAX_PARALLEL_TOOLS), each between its `tool_start` and `tool_result`
 * events, and answers each with a tool message; a failure stays with its call. A call that
 * needs approval (stepOf) does not run: once the others ended, it gets a
 * `tool_approval_required` event and `paused` is set. A resumed run's decisions run or deny.
 */
export async function answerToolCalls(
  history: readonly BaseMessage[],
  config: LangGraphRunnableConfig,
): Promise<AnsweredCalls> {
  const runtime = graphRuntimeOf(config);
  const { tools, context } = runtime;
  const steps = requestedCalls(history).map((call) => stepOf(call, runtime));
  // Tool events are few (two per call): queued, never waited on.
  const emit = (event: WorkflowEvent) => void emitEvent(config, event);
  const limit = pLimit(context.maxParallelTools);
  const answered = steps.filter((step) => step.kind !== 'pause');
  const outcomes = await Promise.all(
    answered.map((step) =>
      limit(() => {
        if (step.kind === 'deny') return deniedCall(step, emit);
        const tool = tools.get(step.call.name);
        return tool
          ? runToolCall(tool, step.call, context.toolContext, emit)
          : unknownToolOutcome();
      }),
    ),
  );
  const paused = steps.filter((step) => step.kind === 'pause');
  for (const step of paused) emit(approvalRequired(step, runtime));
  const messages = outcomes.map(
    (outcome, index) =>
      new ToolMessage({
        content: outcome.content,
        tool_call_id: answered[index].call.id,
        name: answered[index].call.name,
        status: outcome.status,
      }),
  );
  return { messages, paused: paused.length > 0 };
}

/**
 * The agent loop's tools node: answers the last assistant message's calls (answerToolCalls);
 * calls that wait for approval finish the run with `approval_required`.
 */
export async function toolNode(
  state: RunStateValues,
  config: LangGraphRunnableConfig,
): Promise<RunStateUpdate> {
  const { messages, paused } = await answerToolCalls(state.messages, config);
  return { messages, ...(paused && { finishReason: 'approval_required' as const }) };
}
