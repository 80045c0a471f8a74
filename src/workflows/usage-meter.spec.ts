import { addUsage, NO_USAGE } from './usage-meter.js';

describe('addUsage', () => {
  it('sums the counts and fills a missing total from prompt + completion', () => {
    const total = addUsage(addUsage(NO_USAGE, { prompt_tokens: 3, completion_tokens: 2 }), {
      prompt_tokens: 1,
      completion_tokens: 1,
      total_tokens: 2,
    });
    expect(total).toEqual({ prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 });
  });

  it('sums a detail over the calls that reported it, keeping it once any did', () => {
    const first = addUsage(NO_USAGE, {
      prompt_tokens: 10,
      completion_tokens: 5,
      prompt_tokens_details: { cached_tokens: 4 },
    });
    const second = addUsage(first, {
      prompt_tokens: 10,
      completion_tokens: 5,
      completion_tokens_details: { reasoning_tokens: 3 },
    });
    const third = addUsage(second, { prompt_tokens: 1, completion_tokens: 1 });
    expect(third).toEqual({
      prompt_tokens: 21,
      completion_tokens: 11,
      total_tokens: 32,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 3 },
    });
  });

  it('adds no detail no call reported', () => {
    expect(addUsage(NO_USAGE, { prompt_tokens: 1, completion_tokens: 1 })).not.toHaveProperty(
      'prompt_tokens_details',
    );
  });
});
