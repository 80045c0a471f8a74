import type { RunError } from '../common/errors/execution-plane.error.js';
import { RunAccount } from './run-account.js';
import { RunBudget } from './run-budget.js';

const piece = (text: string) => ({ text, reasoning: '', toolCalls: [] });
const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function account(budget = {}, namesModels = true) {
  const stops: RunError[] = [];
  const pricing = new Map([
    ['a', { input_per_million: 1, output_per_million: 2, currency: 'USD' }],
    ['b', { input_per_million: 1, output_per_million: 2, currency: 'USD' }],
  ]);
  const ledger = new RunAccount({
    budget: new RunBudget(budget),
    pricing,
    namesModels,
    stop: (error) => stops.push(error),
  });
  return { ledger, stops };
}

describe('RunAccount', () => {
  it("takes the provider's usage, and by_model once two models answered", () => {
    const { ledger } = account();
    ledger
      .call('a', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
      .end({ outcome: 'answered', usage });
    expect(ledger.report()).toMatchObject({ usage, model: 'a' });
    expect(ledger.report().usage).not.toHaveProperty('by_model');
    ledger
      .call('b', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
      .end({ outcome: 'answered', usage });
    const { usage: total, cost } = ledger.report();
    expect(total).toMatchObject({ total_tokens: 30, by_model: { a: usage, b: usage } });
    expect(cost).toEqual({
      total: 0.00004,
      currency: 'USD',
      by_model: {
        a: { input: 0.00001, cached_input: 0, output: 0.00001, total: 0.00002 },
        b: { input: 0.00001, cached_input: 0, output: 0.00001, total: 0.00002 },
      },
    });
  });

  it('estimates a call under way or stopped, and charges a refused one nothing', () => {
    const { ledger } = account();
    ledger.call('a', '').end({ outcome: 'refused', code: 'upstream_unavailable' });
    const open = ledger.call('b', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
    open.piece(piece('12345678'));
    expect(ledger.report().usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 2,
      total_tokens: 12,
      estimated: true,
    });
    open.end({ outcome: 'stopped', code: 'cancelled' });
    expect(ledger.report()).toMatchObject({
      usage: { total_tokens: 12, estimated: true },
      models_tried: [{ model: 'a', code: 'upstream_unavailable' }],
    });
    expect(ledger.report()).not.toHaveProperty('model');
  });

  it('names no models without fallbacks', () => {
    const { ledger } = account({}, false);
    ledger.call('a', '').end({ outcome: 'refused', code: 'upstream_unavailable' });
    expect(ledger.report()).not.toHaveProperty('models_tried');
  });

  it('refuses a model call once max_model_calls were made, stopping the run', () => {
    const { ledger, stops } = account({ max_model_calls: 1 });
    ledger.call('a', 'xxxx').end({ outcome: 'answered', usage });
    expect(() => ledger.call('a', 'xxxx')).toThrow('max_model_calls = 1');
    expect(stops.map((stop) => stop.code)).toEqual(['budget_exceeded']);
  });

  it('stops mid-answer once the estimate passes max_total_tokens', () => {
    const { ledger, stops } = account({ max_total_tokens: 3 });
    const call = ledger.call('a', 'xxxx');
    call.piece(piece('1234'));
    expect(stops).toHaveLength(0);
    call.piece(piece('12345'));
    expect(stops[0]?.message).toBe('The run reached its budget: max_total_tokens = 3');
  });

  it('refuses tool calls past max_tool_calls, then the next model call', () => {
    const { ledger, stops } = account({ max_tool_calls: 1 });
    expect(ledger.admitToolCall()).toBe(true);
    expect(ledger.admitToolCall()).toBe(false);
    expect(stops).toHaveLength(0);
    expect(ledger.pendingStop?.message).toBe('The run reached its budget: max_tool_calls = 1');
    expect(() => ledger.call('a', 'xxxx')).toThrow('max_tool_calls = 1');
  });
});
