import { MAX_JSON_DEPTH, MAX_KEYS_PER_OBJECT, scanJsonShape } from './payload-shape.js';

const scan = (value: unknown, maxMembers = 10_000) =>
  scanJsonShape(Buffer.from(JSON.stringify(value)), { maxMembers });

describe('scanJsonShape', () => {
  it('passes a small body, strings with structural characters and escapes included', () => {
    expect(scan({ a: [1, 2, { b: 'c:{[,"\\' }], 'é"k': null })).toBeUndefined();
  });

  it('names the object with too many keys by its path', () => {
    const wide = Object.fromEntries(
      Array.from({ length: MAX_KEYS_PER_OBJECT + 1 }, (_, index) => [`k${index}`, 0]),
    );
    expect(scan({ input: { messages: [{ role: 'user' }, { extra: wide }] } })).toEqual({
      path: 'input.messages[1].extra',
      message: `an object may have at most ${MAX_KEYS_PER_OBJECT} keys`,
    });
  });

  it('counts keys and array items in all', () => {
    expect(scan({ list: Array.from({ length: 100 }, () => 0) }, 100)).toEqual({
      path: '',
      message: 'at most 100 keys and array items are accepted (MAX_PAYLOAD_KEYS)',
    });
    expect(scan({ list: Array.from({ length: 98 }, () => 'x') }, 100)).toBeUndefined();
  });

  it('stops at the nesting bound', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < MAX_JSON_DEPTH + 5; level += 1) deep = [deep];
    expect(scan(deep)?.message).toContain(`${MAX_JSON_DEPTH} levels`);
    let fine: unknown = 'bottom';
    for (let level = 0; level < MAX_JSON_DEPTH; level += 1) fine = { deeper: fine };
    expect(scan(fine)).toBeUndefined();
  });
});
