import type { WorkflowEvent } from '../common/run-events/run-event.types.js';

/** The stream mode every workflow graph is streamed with: events its nodes write. */
export const GRAPH_STREAM_MODES = ['custom'] as ['custom'];

/**
 * A LangGraph stream in GRAPH_STREAM_MODES as run events, as they arrive, never buffered.
 * Nodes write the events with `config.writer`: model deltas through `streamModelTurn`, tool
 * calls through `runToolCall`.
 */
export async function* graphEvents(stream: AsyncIterable<unknown>): AsyncGenerator<WorkflowEvent> {
  for await (const [, payload] of stream as AsyncIterable<[string, unknown]>)
    yield payload as WorkflowEvent;
}
