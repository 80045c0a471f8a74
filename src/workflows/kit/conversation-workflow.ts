import type { BaseMessage } from '@langchain/core/messages';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../workflow.types.js';
import { entryGraph, type LoopEntries } from './agent-loop.js';
import { conversationOf } from './conversation.js';
import { runGraph, type StreamableGraph } from './run-graph.js';

/**
 * A workflow that is a compiled graph with the tool loop over the payload's conversation (a
 * RunState graph): a subclass builds `graphs` once, in its constructor (its own for a fresh
 * run, `loopGraph('tools', …)` for a run that resumes with approval decisions), and each run
 * streams the one for where it starts with runGraph.
 */
export abstract class ConversationWorkflow extends RunnableWorkflow {
  protected abstract readonly graphs: LoopEntries<StreamableGraph<{ messages: BaseMessage[] }>>;
  /** LangGraph's step limit for one run; graphs with a loop set it above the loop's own. */
  protected recursionLimit?: number;

  run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const { messages, variables } = context.payload.input;
    const input = { messages: conversationOf(messages, variables) };
    const graph = entryGraph(this.graphs, context.approval);
    return runGraph(graph, input, context, { recursionLimit: this.recursionLimit });
  }
}
