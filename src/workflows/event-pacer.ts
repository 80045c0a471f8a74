/**
 * Events a run's graph may have written that its executor has not taken yet. LangGraph's
 * custom stream queues whatever nodes write, without limit; past this the writing node
 * waits (emitEvent), so a run produces events only as fast as its readers take them.
 */
export const MAX_UNREAD_GRAPH_EVENTS = 256;

/**
 * Backpressure between a run's graph nodes (the producers) and its executor (the consumer,
 * itself paced by the run's readers): `written` is told of each event and hands back a
 * promise to wait on while too many are unread; `consumed` of each one taken. A stopped run
 * lets every waiting node go, so none is left parked.
 */
export class EventPacer {
  private unread = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.release(), { once: true });
  }

  /** Undefined while there is room (no microtask per token), else a promise to wait on. */
  written(): Promise<void> | undefined {
    this.unread += 1;
    if (this.unread <= MAX_UNREAD_GRAPH_EVENTS || this.signal.aborted) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  consumed(): void {
    this.unread = Math.max(0, this.unread - 1);
    if (this.unread <= MAX_UNREAD_GRAPH_EVENTS / 2) this.release();
  }

  private release(): void {
    if (this.waiting.length === 0) return; // the common case, on every event taken
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
