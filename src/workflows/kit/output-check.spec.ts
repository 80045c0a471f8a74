import { outputCheckOf } from './output-check.js';

describe('outputCheckOf', () => {
  const schema = {
    type: 'object',
    properties: { n: { type: 'integer' } },
    required: ['n'],
    additionalProperties: false,
  };
  const check = outputCheckOf({
    type: 'json_schema',
    json_schema: { name: 'n', schema },
  });

  it('checks nothing for text or no format', () => {
    expect(outputCheckOf(undefined)).toBeUndefined();
    expect(outputCheckOf({ type: 'text' })).toBeUndefined();
  });

  it('parses a valid answer', () => {
    expect(check?.('{"n": 3}')).toEqual({ valid: true, output: { n: 3 } });
  });

  it("reports schema places to the client and the answer's places to the model", () => {
    expect(check?.('{"n": "three", "secret_key": 1}')).toEqual({
      valid: false,
      errors: [
        '#/additionalProperties must NOT have additional properties',
        '#/properties/n/type must be integer',
      ],
      forModel: ['/ must NOT have additional properties', '/n must be integer'],
    });
  });

  it('says an answer is not JSON without quoting it', () => {
    expect(check?.('nope')).toMatchObject({ valid: false, errors: ['the answer is not JSON'] });
  });

  it('wants an object for json_object, and takes any JSON for a schema-less json_schema', () => {
    expect(outputCheckOf({ type: 'json_object' })?.('"text"')).toMatchObject({ valid: false });
    const any = outputCheckOf({ type: 'json_schema', json_schema: { name: 'any' } });
    expect(any?.('[1]')).toEqual({ valid: true, output: [1] });
  });
});
