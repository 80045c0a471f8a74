import { MAX_REMEMBERED_TOKENS, MemoryUsedTokens } from './memory-used-tokens.js';

describe('MemoryUsedTokens', () => {
  it('marks all keys or none, and forgets them once expired', async () => {
    const used = new MemoryUsedTokens();
    const now = Date.now();
    expect(await used.useOnce(['a', 'b'], now + 60_000)).toBe(true);
    expect(await used.useOnce(['b', 'c'], now + 60_000)).toBe(false);
    expect(await used.useOnce(['c'], now + 60_000)).toBe(true);
    expect(await used.useOnce(['d'], now - 1)).toBe(true);
    expect(await used.useOnce(['d'], now + 60_000)).toBe(true);
  });

  it('refuses rather than forgets a live token when full', async () => {
    const used = new MemoryUsedTokens();
    const keys = Array.from({ length: MAX_REMEMBERED_TOKENS }, (_, index) => `k${index}`);
    expect(await used.useOnce(keys, Date.now() + 60_000)).toBe(true);
    await expect(used.useOnce(['one-more'], Date.now() + 60_000)).rejects.toMatchObject({
      code: 'run_store_unavailable',
    });
    expect(await used.useOnce(['k0'], Date.now() + 60_000)).toBe(false);
  });
});
