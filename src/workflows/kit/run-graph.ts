import type {
  FinishReason,
  TokenUsage,
  WorkflowEvent,
} from '../../common/run-events/run-event.types.js';
import type { WorkflowOutcome, WorkflowRunContext } from '../workflow.types.js';
import { pacerConfigurable } from './graph-events.js';
import { GraphRuntime } from './graph-runtime.js';

/**
 * The stream modes every workflow graph is streamed with: the events its nodes write, and
 * each node's state update (for usage and finish reason; a few per run, not per token).
 */
const GRAPH_STREAM_MODES = ['custom', 'updates'] as ['custom', 'updates'];

/** What runGraph reads of a node's update (RunState's channels). */
interface OutcomeUpdate {
  usage?: Partial<TokenUsage>;
  finishReason?: FinishReason;
}

/** What runGraph needs of a compiled graph. */
export interface StreamableGraph<Input> {
  stream(input: Input, options: never): Promise<AsyncIterable<unknown>>;
}

/**
 * Streams a compiled graph for one run: with the run's signal, its pacer and its
 * GraphRuntime in `configurable`, so the kit's nodes find the model and tools. Yields the
 * events the nodes write as they arrive, never buffered, each one counted off the pacer;
 * adds each node's `usage` to the run's meter as it is written (a run stopped midway still
 * reports what it used) and returns the last `finishReason` a node wrote.
 */
export async function* runGraph<Input>(
  graph: StreamableGraph<Input>,
  input: Input,
  context: WorkflowRunContext,
  options: { recursionLimit?: number } = {},
): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
  const stream = await graph.stream(input, {
    ...options,
    streamMode: GRAPH_STREAM_MODES,
    signal: context.signal,
    configurable: {
      ...pacerConfigurable(context.pacer),
      ...new GraphRuntime(context).configurable(),
    },
  } as never);
  let finishReason: FinishReason = 'stop';
  for await (const [mode, payload] of stream as AsyncIterable<[string, unknown]>) {
    if (mode === 'custom') {
      context.pacer.consumed();
      yield payload as WorkflowEvent;
      continue;
    }
    for (const update of Object.values(payload as Record<string, OutcomeUpdate | null>)) {
      context.usage.add(update?.usage);
      finishReason = update?.finishReason ?? finishReason;
    }
  }
  return { finishReason };
}
