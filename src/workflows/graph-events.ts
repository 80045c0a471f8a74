import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { WorkflowEvent } from '../common/run-events/run-event.types.js';
import type { EventPacer } from './event-pacer.js';

/** The stream mode every workflow graph is streamed with: events its nodes write. */
export const GRAPH_STREAM_MODES = ['custom'] as ['custom'];

const PACER_KEY = 'event_pacer';

/** A graph's stream options for a run: its mode, the run's signal, and the run's pacer. */
export function graphStreamOptions(
  context: { signal: AbortSignal; pacer: EventPacer },
  options: { configurable?: Record<string, unknown>; recursionLimit?: number } = {},
) {
  return {
    ...options,
    streamMode: GRAPH_STREAM_MODES,
    signal: context.signal,
    configurable: { ...options.configurable, [PACER_KEY]: context.pacer },
  };
}

/**
 * Writes a run event from a graph node (LangGraph's `custom` stream). Returns a promise to
 * wait on while the run's readers are behind (EventPacer), else undefined: await it when
 * given, so a node produces only as fast as the run is read.
 */
export function emitEvent(
  config: LangGraphRunnableConfig,
  event: WorkflowEvent,
): Promise<void> | undefined {
  config.writer?.(event);
  return (config.configurable?.[PACER_KEY] as EventPacer | undefined)?.written();
}

/**
 * A LangGraph stream in GRAPH_STREAM_MODES as run events, as they arrive, never buffered;
 * each one taken is counted off the run's pacer. Nodes write the events with `emitEvent`:
 * model deltas through `streamModelTurn`, tool calls through `runToolCall`.
 */
export async function* graphEvents(
  stream: AsyncIterable<unknown>,
  pacer: EventPacer,
): AsyncGenerator<WorkflowEvent> {
  for await (const [, payload] of stream as AsyncIterable<[string, unknown]>) {
    pacer.consumed();
    yield payload as WorkflowEvent;
  }
}
