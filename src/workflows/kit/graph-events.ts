import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import type { EventPacer } from '../event-pacer.js';

const PACER_KEY = 'event_pacer';

/** The `configurable` entry through which a graph's nodes reach the run's pacer. */
export function pacerConfigurable(pacer: EventPacer): Record<string, unknown> {
  return { [PACER_KEY]: pacer };
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
