// Worked example of docs/extending.md: a workflow in one file.
// test/docs-examples.e2e-spec.ts registers it and streams a run of it.
import {
  type LangGraphRunnableConfig,
  MessagesAnnotation,
  START,
  StateGraph,
} from '@langchain/langgraph';
import type { RunChatModel } from '../../src/model-gateway/chat-model.provider.js';
import { Injectable } from '@nestjs/common';
import type { WorkflowEvent } from '../../src/common/run-events/run-event.types.js';
import { conversationOf } from '../../src/workflows/agent-chat/conversation.js';
import { graphEvents, graphStreamOptions } from '../../src/workflows/graph-events.js';
import { usageOf } from '../../src/workflows/agent-chat/agent-runtime.js';
import { streamModelTurn } from '../../src/workflows/model-turn.js';
import { Workflow } from '../../src/workflows/workflow.decorator.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../../src/workflows/workflow.types.js';

/** The per-run parts travel in `configurable`, so the graph is compiled once. */
interface SingleShotRuntime {
  model: RunChatModel;
  context: WorkflowRunContext;
}

async function answer(state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) {
  const { model, context } = config.configurable?.singleShot as SingleShotRuntime;
  // streamModelTurn writes the tokens as message_chunk events while they arrive.
  const response = await streamModelTurn(model, state.messages, config);
  context.usage.add(usageOf(response.usage_metadata));
  return { messages: [response] };
}

/** One model call, no tools: the smallest useful workflow. */
@Workflow({ id: 'single_shot', description: 'Answers with one model call, without tools.' })
@Injectable()
export class SingleShotWorkflow extends RunnableWorkflow {
  private readonly graph = new StateGraph(MessagesAnnotation)
    .addNode('answer', answer)
    .addEdge(START, 'answer')
    .compile();

  async *run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const { messages, variables } = context.payload.input;
    const stream = await this.graph.stream(
      { messages: conversationOf(messages, variables) },
      graphStreamOptions(context, {
        configurable: {
          singleShot: { model: context.chatModel(), context } satisfies SingleShotRuntime,
        },
      }),
    );
    yield* graphEvents(stream, context.pacer);
    return { finishReason: 'stop' };
  }
}
