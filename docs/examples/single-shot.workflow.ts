// Worked example of docs/extending.md: a workflow in one file, built with the workflow kit.
// test/docs-examples.e2e-spec.ts registers it and streams a run of it.
import { END, START, StateGraph } from '@langchain/langgraph';
import { Injectable } from '@nestjs/common';
import type { WorkflowEvent } from '../../src/common/run-events/run-event.types.js';
import { conversationOf } from '../../src/workflows/kit/conversation.js';
import { modelNode } from '../../src/workflows/kit/model-node.js';
import { runGraph } from '../../src/workflows/kit/run-graph.js';
import { RunState } from '../../src/workflows/kit/run-state.js';
import { Workflow } from '../../src/workflows/workflow.decorator.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../../src/workflows/workflow.types.js';

/** One model call, no tools: the smallest useful workflow. */
@Workflow({ id: 'single_shot', description: 'Answers with one model call, without tools.' })
@Injectable()
export class SingleShotWorkflow extends RunnableWorkflow {
  // Compiled once; runGraph hands each run's model in. modelNode streams the tokens as
  // message_chunk events and writes its finish reason to the state (every call's usage
  // goes to the run's account by itself).
  private readonly graph = new StateGraph(RunState)
    .addNode('answer', modelNode({ tools: false }))
    .addEdge(START, 'answer')
    .addEdge('answer', END)
    .compile();

  run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const { messages, variables } = context.payload.input;
    return runGraph(this.graph, { messages: conversationOf(messages, variables) }, context);
  }
}
