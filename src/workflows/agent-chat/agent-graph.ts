import { AIMessage, ToolMessage } from '@langchain/core/messages';
import {
  END,
  type LangGraphRunnableConfig,
  MessagesAnnotation,
  START,
  StateGraph,
} from '@langchain/langgraph';
import pLimit from 'p-limit';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import { runToolCall, type ToolCallOutcome } from '../../tools/tool-call.runner.js';
import { emitEvent } from '../graph-events.js';
import { streamModelTurn } from '../model-turn.js';
import { agentRuntimeOf, finishReasonOf, usageOf } from './agent-runtime.js';

type AgentState = typeof MessagesAnnotation.State;

async function callModel(state: AgentState, config: LangGraphRunnableConfig) {
  const runtime = agentRuntimeOf(config);
  const response = await streamModelTurn(runtime.model, state.messages, config, {
    streamToolArguments: runtime.streamToolArguments,
  });
  runtime.outcome.modelCalls += 1;
  runtime.usage.add(usageOf(response.usage_metadata));
  runtime.outcome.finishReason = finishReasonOf(response.response_metadata?.finish_reason);
  return { messages: [response] };
}

/** The model's own tool name is not quoted: it may repeat a secret it saw. */
function unknownToolOutcome(): ToolCallOutcome {
  const error = {
    code: 'unknown_tool',
    message: 'The model asked for a tool that is not available',
  };
  return { status: 'error', content: JSON.stringify({ error }) };
}

/** Runs the last turn's tool calls concurrently (up to maxParallelTools); failures stay local. */
async function callTools(state: AgentState, config: LangGraphRunnableConfig) {
  const runtime = agentRuntimeOf(config);
  const last = state.messages.at(-1) as AIMessage;
  const calls = [
    ...(last.tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.name,
      args: call.args as unknown,
    })),
    // Unparseable arguments still get an answer: the runner reports them as invalid.
    ...(last.invalid_tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.name ?? '',
      args: call.args,
    })),
  ];
  // Tool events are few (two per call): counted by the pacer, never waited on.
  const emit = (event: WorkflowEvent) => void emitEvent(config, event);
  const limit = pLimit(runtime.maxParallelTools);
  const outcomes = await Promise.all(
    calls.map((call) =>
      limit(() => {
        const tool = runtime.tools.get(call.name);
        return tool ? runToolCall(tool, call, runtime.toolContext, emit) : unknownToolOutcome();
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

function afterModel(state: AgentState): 'tools' | typeof END {
  const last = state.messages.at(-1) as AIMessage;
  return (last.tool_calls?.length ?? 0) + (last.invalid_tool_calls?.length ?? 0) > 0
    ? 'tools'
    : END;
}

function afterTools(_state: AgentState, config: LangGraphRunnableConfig): 'model' | typeof END {
  const runtime = agentRuntimeOf(config);
  if (runtime.outcome.modelCalls < runtime.maxIterations) return 'model';
  runtime.outcome.finishReason = 'max_iterations';
  return END;
}

/** The ReAct loop: model → (tools → model)* → end. Compiled once, shared by every run. */
export function buildAgentGraph() {
  return new StateGraph(MessagesAnnotation)
    .addNode('model', callModel)
    .addNode('tools', callTools)
    .addEdge(START, 'model')
    .addConditionalEdges('model', afterModel, ['tools', END])
    .addConditionalEdges('tools', afterTools, ['model', END])
    .compile();
}
