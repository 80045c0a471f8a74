import { setTimeout as sleep } from 'node:timers/promises';
import {
  Annotation,
  END,
  type LangGraphRunnableConfig,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { Injectable } from '@nestjs/common';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import { GRAPH_STREAM_MODES, graphEvents } from '../graph-events.js';
import { Workflow } from '../workflow.decorator.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../workflow.types.js';

/** Upper bound of `input.variables.echo_delay_ms`, so a payload cannot park a run for hours. */
export const ECHO_MAX_DELAY_MS = 10_000;

const EchoState = Annotation.Root({
  text: Annotation<string>,
  delayMs: Annotation<number>,
});

/** "a b  c" -> ["a", " b", "  c"]: each word keeps the white space before it, so chunks join back. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

export function echoDelayMs(variables: Record<string, unknown> | undefined): number {
  const requested = variables?.echo_delay_ms;
  if (typeof requested !== 'number' || !Number.isFinite(requested)) return 0;
  return Math.min(Math.max(Math.trunc(requested), 0), ECHO_MAX_DELAY_MS);
}

async function echoWords(state: typeof EchoState.State, config: LangGraphRunnableConfig) {
  for (const [index, word] of splitWords(state.text).entries()) {
    if (index > 0 && state.delayMs > 0)
      await sleep(state.delayMs, undefined, { signal: config.signal });
    config.writer?.({ type: 'message_chunk', content: word } satisfies WorkflowEvent);
  }
  return {};
}

/**
 * Streams the last user message back word by word, with no model: for smoke tests,
 * transport benchmarks and load tests. A real LangGraph graph, compiled once.
 */
@Workflow({ id: 'echo', description: 'Echoes the last user message back word by word (no model).' })
@Injectable()
export class EchoWorkflow extends RunnableWorkflow {
  private readonly graph = new StateGraph(EchoState)
    .addNode('echo', echoWords)
    .addEdge(START, 'echo')
    .addEdge('echo', END)
    .compile();

  async *run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const { messages, variables } = context.payload.input;
    const lastUserMessage = messages.findLast((message) => message.role === 'user');
    const input = { text: lastUserMessage?.content ?? '', delayMs: echoDelayMs(variables) };
    const stream = await this.graph.stream(input, {
      streamMode: GRAPH_STREAM_MODES,
      signal: context.signal,
    });
    yield* graphEvents(stream);
    return { finishReason: 'stop' };
  }
}
