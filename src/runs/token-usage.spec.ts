import { addUsage, estimatedUsage, NO_USAGE, usageOfRaw } from './token-usage.js';

const usage = (prompt: number, completion: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
});

describe('addUsage', () => {
  it('sums the counts', () => {
    expect(addUsage(addUsage(NO_USAGE, usage(3, 2)), usage(1, 1))).toEqual(usage(4, 3));
  });

  it('sums a detail over the calls that reported it, keeping it once any did', () => {
    const first = addUsage(NO_USAGE, {
      ...usage(10, 5),
      prompt_tokens_details: { cached_tokens: 4 },
    });
    const second = addUsage(first, {
      ...usage(10, 5),
      completion_tokens_details: { reasoning_tokens: 3 },
    });
    expect(addUsage(second, usage(1, 1))).toEqual({
      ...usage(21, 11),
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 3 },
    });
  });

  it('adds no detail no call reported, and marks a sum with an estimate in it', () => {
    const total = addUsage(usage(1, 1), estimatedUsage(8, 4));
    expect(total).not.toHaveProperty('prompt_tokens_details');
    expect(total).toEqual({ ...usage(3, 2), estimated: true });
  });
});

describe('usageOfRaw', () => {
  it('fills a missing total and drops details that are not counts', () => {
    expect(
      usageOfRaw({
        prompt_tokens: 5,
        completion_tokens: 2,
        prompt_tokens_details: { cached_tokens: null },
        completion_tokens_details: { reasoning_tokens: 1 },
      }),
    ).toEqual({ ...usage(5, 2), completion_tokens_details: { reasoning_tokens: 1 } });
  });
});

describe('estimatedUsage', () => {
  it('counts one token per four characters, rounding up', () => {
    expect(estimatedUsage(9, 1)).toEqual({ ...usage(3, 1), estimated: true });
  });
});
