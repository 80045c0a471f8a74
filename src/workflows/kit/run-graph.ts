import type { BaseMessage } from '@langchain/core/messages';
import type {
  FinishReason,
  PausedGraphState,
  WorkflowEvent,
} from '../../common/run-events/run-event.types.js';
import { completionMessages } from '../../model-gateway/completion-messages.js';
import type { WorkflowOutcome, WorkflowRunContext } from '../workflow.types.js';
import { GraphEventQueue } from './graph-event.queue.js';
import { queueConfigurable } from './graph-events.js';
import { GraphRuntime } from './graph-runtime.js';

/**
 * The stream modes every workflow graph is streamed with: each node's state update (for
 * the finish reason; a few per run, not per token), and `custom` for a node that
 * writes with `config.writer` itself rather than emitEvent (passed on, unpaced).
 */
const GRAPH_STREAM_MODES = ['updates', 'custom'] as ['updates', 'custom'];

/** What runGraph reads of a node's update (RunState's channels). */
interface OutcomeUpdate {
  finishReason?: FinishReason;
  output?: { value: unknown };
  messages?: BaseMessage[];
  /** A `graph` workflow's node that paused for approval: where (GraphState). */
  paused?: PausedGraphState | null;
}

/** What runGraph needs of a compiled graph. */
export interface StreamableGraph<Input> {
  stream(input: Input, options: never): Promise<AsyncIterable<unknown>>;
}

/**
 * Streams a compiled graph for one run: with the run's signal, its event queue and its
 * GraphRuntime in `configurable`, so the kit's nodes find the model and tools. Yields the
 * events the nodes write as they arrive, never buffered beyond the queue's bound, and returns
 * the last `finishReason` and `output` nodes wrote; a run paused for approval returns the
 * messages it added, in chat format, for the control plane to resume with (and a graph
 * workflow's `paused`: where).
 */
export function runGraph<Input>(
  graph: StreamableGraph<Input>,
  input: Input,
  context: WorkflowRunContext,
  options: { recursionLimit?: number } = {},
): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
  const queue = new GraphEventQueue(context.signal, context.events);
  let finishReason: FinishReason = 'stop';
  let output: { value: unknown } | undefined;
  let paused: PausedGraphState | undefined;
  // What the run added to the conversation: a paused run hands it back (`done.messages`).
  const added: BaseMessage[] = [];
  // Not awaited before draining: LangGraph's stream() resolves only once the graph yields its
  // first chunk (here: the first node's update), and the events come through the queue.
  const read = async () => {
    const stream = await graph.stream(input, {
      ...options,
      streamMode: GRAPH_STREAM_MODES,
      signal: context.signal,
      configurable: { ...queueConfigurable(queue), ...new GraphRuntime(context).configurable() },
    } as never);
    for await (const [mode, payload] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === 'custom') {
        void queue.push(payload as WorkflowEvent);
        continue;
      }
      for (const update of Object.values(payload as Record<string, OutcomeUpdate | null>)) {
        finishReason = update?.finishReason ?? finishReason;
        output = update?.output ?? output;
        paused = update?.paused ?? paused;
        added.push(...(update?.messages ?? []));
      }
    }
  };
  void read().then(
    () => queue.end(),
    (error: unknown) => queue.fail(error),
  );
  // The queue's own generator, not one around it: each layer costs promises per event.
  return queue.drain(() => ({
    finishReason,
    ...(output && { output: output.value }),
    ...(finishReason === 'approval_required' && {
      messages: completionMessages(added, context.payload.runtime_config.model.model_name),
      ...(paused && { graphState: paused }),
    }),
  }));
}
