import { OutboxCipher } from './outbox-cipher.js';

const key = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;

describe('OutboxCipher', () => {
  it('opens what it sealed, under the first key or any later one (rotation)', () => {
    const sealed = new OutboxCipher([key(1)]).seal('{"headers":{"authorization":"Bearer x"}}');
    expect(sealed).not.toContain('Bearer');
    expect(new OutboxCipher([key(2), key(1)]).open(sealed)).toBe(
      '{"headers":{"authorization":"Bearer x"}}',
    );
  });

  it('opens nothing sealed under a key it does not have, or tampered with', () => {
    const sealed = new OutboxCipher([key(1)]).seal('secret');
    expect(new OutboxCipher([key(3)]).open(sealed)).toBeUndefined();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(new OutboxCipher([key(1)]).open(bytes.toString('base64'))).toBeUndefined();
  });
});
