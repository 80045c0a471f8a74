/**
 * A signal that aborts when its parent does or once `timeoutMs` passed (with a `TimeoutError`,
 * as `AbortSignal.timeout` would), and `clear`, which stops the clock when the call is over.
 *
 * Not `AbortSignal.timeout`: its timer cannot be cleared and lives for the whole timeout, and
 * a Node timer holds the async context it was created in. Inside a run that context is
 * LangChain's run tree, and through it the run's graph loop, messages, tools and loggers: a
 * heap snapshot 15 s after 1,500 runs found 1,085 finished runs still held by the 30 s
 * timeouts of their plugin calls (docs/performance.md, "Memory").
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly clock = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(parent: AbortSignal | undefined, timeoutMs: number) {
    this.timer = setTimeout(
      () => this.clock.abort(new DOMException('The operation timed out.', 'TimeoutError')),
      timeoutMs,
    );
    // Like AbortSignal.timeout's: a deadline alone does not keep the process up.
    this.timer.unref();
    this.signal = parent ? AbortSignal.any([parent, this.clock.signal]) : this.clock.signal;
  }

  /** Whether the time ran out (rather than the parent aborting). */
  get expired(): boolean {
    return this.clock.signal.aborted;
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}
