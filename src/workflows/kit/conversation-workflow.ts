import type { BaseMessage } from '@langchain/core/messages';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../workflow.types.js';
import { conversationOf } from './conversation.js';
import { runGraph, type StreamableGraph } from './run-graph.js';

/**
 * A workflow that is one compiled graph over the payload's conversation (a RunState graph):
 * a subclass builds `graph` once, in its constructor, and each run streams it with runGraph.
 */
export abstract class ConversationWorkflow extends RunnableWorkflow {
  protected abstract readonly graph: StreamableGraph<{ messages: BaseMessage[] }>;
  /** LangGraph's step limit for one run; graphs with a loop set it above the loop's own. */
  protected recursionLimit?: number;

  run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const { messages, variables } = context.payload.input;
    const input = { messages: conversationOf(messages, variables) };
    return runGraph(this.graph, input, context, { recursionLimit: this.recursionLimit });
  }
}
