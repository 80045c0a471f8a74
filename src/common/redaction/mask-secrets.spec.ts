import { maskableSecrets, maskDeep, maskText } from './mask-secrets.js';

describe('maskDeep', () => {
  const secrets = maskableSecrets(['vault-value-1', 'ab', 'vault-value-1']);

  it('keeps only distinct secrets long enough to mask', () => {
    expect(secrets).toEqual(['vault-value-1']);
  });

  it('masks strings at any depth, keys included, and leaves other values alone', () => {
    const value = {
      a: 'x vault-value-1 y',
      list: [1, 'vault-value-1', null],
      'vault-value-1': true,
    };
    expect(maskDeep(value, secrets)).toEqual({ a: 'x *** y', list: [1, '***', null], '***': true });
    expect(value.a).toBe('x vault-value-1 y');
  });

  it('returns the value itself when there is nothing to mask', () => {
    const value = { a: 1 };
    expect(maskDeep(value, [])).toBe(value);
    expect(maskText('plain', secrets)).toBe('plain');
  });
});
