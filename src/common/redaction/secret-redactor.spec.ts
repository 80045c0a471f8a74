import { SecretRedactor } from './secret-redactor.js';

const SECRET = 'va"ul\\t/S3cr et+x';

describe('SecretRedactor', () => {
  const redactor = new SecretRedactor([SECRET, 'ab']);

  it.each([
    ['raw', SECRET],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(SECRET).slice(1, -1)).slice(1, -1)],
    ['PHP-escaped', JSON.stringify(SECRET).slice(1, -1).replaceAll('/', '\\/')],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['form-encoded', new URLSearchParams({ v: SECRET }).toString().slice(2)],
  ])('masks the %s form', (_name, form) => {
    expect(redactor.text(`before ${form} after`)).toBe('before *** after');
  });

  it.each([0, 1, 2])('masks base64 of the secret at byte offset %i of a longer value', (offset) => {
    const encoded = Buffer.from(`${'p'.repeat(offset)}${SECRET}tail`).toString('base64');
    const masked = redactor.text(encoded);
    expect(masked).toContain('***');
    // What is left around the mask is a few characters mixed with neighbouring bytes.
    expect(masked.replace('***', '').length).toBeLessThan(16);
  });

  it('masks strings at any depth, keys included, and returns unchanged parts as they are', () => {
    const value = { a: `x ${SECRET}`, list: [1, SECRET, null], [SECRET]: true };
    expect(redactor.deep(value)).toEqual({ a: 'x ***', list: [1, '***', null], '***': true });
    const clean = { a: 1 };
    expect(new SecretRedactor([]).deep(clean)).toBe(clean);
  });

  it('ignores values too short to tell apart from text', () => {
    expect(redactor.text('ab cd')).toBe('ab cd');
  });

  it('measures a trailing start of a secret, and cuts it off', () => {
    expect(redactor.partialTailLength('text va"ul')).toBe(5);
    expect(redactor.partialTailLength('text only')).toBe(0);
    expect(redactor.cut(`x ${SECRET} and va"ul\\t/S3`)).toBe('x *** and ');
  });
});
