import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/**
 * How long one run's loop may keep the event loop before it lets other work in. A run whose
 * client's socket has room is a chain of promises that never waits for I/O; Nest's SSE writer
 * yields only every 1024 writes, so 160 such runs kept the loop for seconds per turn and new
 * connections (/health included) went unanswered until the headers timeout reset them.
 */
export const TURN_BUDGET_MS = 2;

/** Event-loop turns seen since boot, counted only while some budget watches them. */
let turnsSeen = 0;
let counting = false;

/**
 * The current turn's number. An immediate counts the turn once it ends: it runs only after
 * the microtasks, so a loop that never waits for I/O stays in one turn. One immediate per
 * turn, shared by every budget (and every stream's TurnCork) that asks in it.
 */
export function currentTurn(): number {
  if (!counting) {
    counting = true;
    setImmediate(() => {
      turnsSeen += 1;
      counting = false;
    });
  }
  return turnsSeen;
}

/**
 * A loop's share of the event loop: `spend` yields a turn once the loop has kept it for
 * TURN_BUDGET_MS. The budget starts again whenever the loop waited (another turn began), so
 * a run paced by its model — a token every few ms, each in its own turn — never yields one
 * for nothing.
 */
export class TurnBudget {
  private turn = -1;
  private startedAt = 0;

  /** Undefined while the budget lasts (no promise per step), else a promise of the next turn. */
  spend(): Promise<void> | undefined {
    const turn = currentTurn();
    if (turn !== this.turn) {
      this.turn = turn;
      this.startedAt = performance.now();
      return undefined;
    }
    if (performance.now() - this.startedAt < TURN_BUDGET_MS) return undefined;
    return nextTurn();
  }
}
