import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/**
 * How long one run's loop may keep the event loop before it lets other work in. A run whose
 * client's socket has room is a chain of promises that never waits for I/O; Nest's SSE writer
 * yields only every 1024 writes, so 160 such runs kept the loop for seconds per turn and new
 * connections (/health included) went unanswered until the headers timeout reset them.
 */
export const TURN_BUDGET_MS = 2;

/** A loop's share of the event loop: `spend` yields a turn once TURN_BUDGET_MS is used up. */
export class TurnBudget {
  private startedAt = performance.now();

  /** Undefined while the budget lasts (no promise per step), else a promise of the next turn. */
  spend(): Promise<void> | undefined {
    if (performance.now() - this.startedAt < TURN_BUDGET_MS) return undefined;
    return nextTurn().then(() => {
      this.startedAt = performance.now();
    });
  }
}
