import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { TURN_BUDGET_MS, TurnBudget } from './turn-budget.js';

/** Busy CPU for `ms`, as a step of a run's loop that waits for nothing. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('TurnBudget', () => {
  it('makes a loop that never waits yield a turn once it kept the loop for the budget', async () => {
    const budget = new TurnBudget();
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    const startedAt = performance.now();
    let pause: Promise<void> | undefined;
    while (!(pause = budget.spend())) {
      work(0.1);
      await Promise.resolve(); // a microtask only, as a run whose socket has room
    }
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(TURN_BUDGET_MS);
    expect(otherWorkRan).toBe(false);
    await pause;
    expect(otherWorkRan).toBe(true);
  });

  it('starts again after the yield', async () => {
    const budget = new TurnBudget();
    let steps = 0;
    for (let pauses = 0; pauses < 2; steps += 1) {
      const pause = budget.spend();
      if (pause) {
        pauses += 1;
        await pause;
      }
      work(0.5);
    }
    // Two budgets of ~4 half-millisecond steps each, not a pause on every step after the first.
    expect(steps).toBeGreaterThanOrEqual(2 * Math.floor(TURN_BUDGET_MS / 0.5));
  });

  it('never yields for a loop that waits between its steps, however long it runs', async () => {
    const budget = new TurnBudget();
    const startedAt = performance.now();
    let pauses = 0;
    while (performance.now() - startedAt < 5 * TURN_BUDGET_MS) {
      if (budget.spend()) pauses += 1;
      work(0.2);
      await nextTurn(); // a wait, as for the model's next token
    }
    expect(pauses).toBe(0);
  });
});
