import { contentText } from '../../payload/message-content.js';
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
import { emitEvent } from '../kit/graph-events.js';
import { runGraph } from '../kit/run-graph.js';
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

/**
 * "a b  c" -> "a", " b", "  c": each word keeps the white space before it, so chunks join
 * back. Lazy: a 200,000-word text is not held twice as an array of words.
 */
export function* splitWords(text: string): Generator<string> {
  for (const [word] of text.matchAll(/\s*\S+|\s+$/g)) yield word;
}

export function echoDelayMs(variables: Record<string, unknown> | undefined): number {
  const requested = variables?.echo_delay_ms;
  if (typeof requested !== 'number' || !Number.isFinite(requested)) return 0;
  return Math.min(Math.max(Math.trunc(requested), 0), ECHO_MAX_DELAY_MS);
}

async function echoWords(state: typeof EchoState.State, config: LangGraphRunnableConfig) {
  let first = true;
  for (const word of splitWords(state.text)) {
    if (!first && state.delayMs > 0)
      await sleep(state.delayMs, undefined, { signal: config.signal });
    first = false;
    const wait = emitEvent(config, { type: 'message_chunk', content: word });
    if (wait) await wait;
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

  run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const { messages, variables } = context.payload.input;
    const lastUserMessage = messages.findLast((message) => message.role === 'user');
    const input = {
      text: contentText(lastUserMessage?.content ?? null),
      delayMs: echoDelayMs(variables),
    };
    return runGraph(this.graph, input, context);
  }
}
