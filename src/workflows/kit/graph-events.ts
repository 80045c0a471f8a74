import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import type { GraphEventQueue } from './graph-event.queue.js';

const QUEUE_KEY = 'graph_event_queue';

/** The `configurable` entry through which a graph's nodes reach the run's event queue. */
export function queueConfigurable(queue: GraphEventQueue): Record<string, unknown> {
  return { [QUEUE_KEY]: queue };
}

/**
 * Writes a run event from a graph node. Returns a promise to wait on while the run's readers
 * are behind (GraphEventQueue), else undefined: await it when given, so a node produces only
 * as fast as the run is read. Outside runGraph it writes to LangGraph's `custom` stream.
 */
export function emitEvent(
  config: LangGraphRunnableConfig,
  event: WorkflowEvent,
): Promise<void> | undefined {
  const queue = config.configurable?.[QUEUE_KEY] as GraphEventQueue | undefined;
  if (queue) return queue.push(event);
  config.writer?.(event);
  return undefined;
}
