import { SecretRedactor } from './secret-redactor.js';
import { TextStreamRedactor } from './text-stream.redactor.js';

describe('TextStreamRedactor', () => {
  const redactor = new SecretRedactor(['sk-live-123456']);

  it('masks a secret split across deltas, holding back only what could start it', () => {
    const stream = new TextStreamRedactor(redactor);
    expect(stream.push('The key is sk-li')).toBe('The key is ');
    expect(stream.push('ve-123')).toBe('');
    expect(stream.push('456, done.')).toBe('***, done.');
    expect(stream.flush()).toBe('');
  });

  it('does not delay text that cannot start a secret', () => {
    const stream = new TextStreamRedactor(redactor);
    expect(['one', ' two', ' three'].map((delta) => stream.push(delta))).toEqual([
      'one',
      ' two',
      ' three',
    ]);
  });

  it('at the end, masks a held start long enough to mean something and lets a short one go', () => {
    const long = new TextStreamRedactor(redactor);
    long.push('cut short: sk-live');
    expect(long.flush()).toBe('***');
    const short = new TextStreamRedactor(redactor);
    expect(short.push('ends with s')).toBe('ends with ');
    expect(short.flush()).toBe('s');
  });
});
