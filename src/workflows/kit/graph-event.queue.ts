import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import type { WorkflowEventSink } from '../workflow.types.js';

/**
 * Events a run's graph may have written that its executor has not taken yet; past this the
 * writing node waits (emitEvent), so a run produces events only as fast as its readers
 * take them.
 */
export const MAX_UNREAD_GRAPH_EVENTS = 256;

/**
 * The run events one graph run's nodes write (emitEvent), in order, to the executor that
 * takes them (runGraph's consumer, itself paced by the run's readers). It replaces
 * LangGraph's `custom` stream for them: that one is a web ReadableStream whose every read
 * re-enters LangChain's callback configuration, the largest per-token cost left
 * (docs/performance.md). A writer gets a promise to wait on while too many events are
 * unread; a stopped run lets every waiting writer go, so none is left parked. With the run's
 * own sink, events skip the queue and go there as they are written; the queue then only
 * carries the graph's end or failure.
 */
export class GraphEventQueue {
  private readonly events: WorkflowEvent[] = [];
  private ended = false;
  private failure?: { error: unknown };
  private consumer?: () => void;
  private writers: (() => void)[] = [];

  constructor(
    private readonly signal: AbortSignal,
    /** The run's own sink (WorkflowRunContext.events): events go there at once, not queued. */
    private readonly sink?: WorkflowEventSink,
  ) {
    signal.addEventListener('abort', () => this.releaseWriters(), { once: true });
  }

  /** Undefined while there is room (no promise per token), else a promise to wait on. */
  push(event: WorkflowEvent): Promise<void> | undefined {
    if (this.sink) return this.sink(event);
    this.events.push(event);
    this.wake();
    if (this.events.length <= MAX_UNREAD_GRAPH_EVENTS || this.signal.aborted) return undefined;
    return new Promise((resolve) => this.writers.push(resolve));
  }

  /** No more events: the graph finished. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The graph failed: its events so far are still taken, then `error` is thrown. */
  fail(error: unknown): void {
    this.failure = { error };
    this.wake();
  }

  /** The events as they come, until the graph ends; then `outcome()` is its return value. */
  async *drain<Outcome>(outcome: () => Outcome): AsyncGenerator<WorkflowEvent, Outcome> {
    for (;;) {
      const event = this.events.shift();
      if (event) {
        if (this.events.length <= MAX_UNREAD_GRAPH_EVENTS / 2) this.releaseWriters();
        yield event;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return outcome();
      await new Promise<void>((resolve) => (this.consumer = resolve));
    }
  }

  private wake(): void {
    const consumer = this.consumer;
    this.consumer = undefined;
    consumer?.();
  }

  private releaseWriters(): void {
    if (this.writers.length === 0) return; // the common case, on every event taken
    const writers = this.writers;
    this.writers = [];
    for (const resolve of writers) resolve();
  }
}
