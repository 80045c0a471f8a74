import { evaluateArithmetic, MAX_EXPRESSION_CHARS, UnsafeExpressionError } from './safe-math.js';

describe('evaluateArithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(2 + 3) * sqrt(16) / 4', 5],
    ['2^10', 1024],
    ['max(3, 9, 4) - min(1, 2)', 8],
    ['round(pi, 2)', 3.14],
    ['10 % 4', 2],
    ['3 > 2', true],
  ])('%s = %s', async (expression, expected) => {
    await expect(evaluateArithmetic(expression)).resolves.toBe(expected);
  });

  it.each([
    'import({}, {override: true})',
    'createUnit("foo")',
    'evaluate("1 + 1")',
    'parse("2")',
    'simplify("x + x")',
    'f(x) = x',
    'a = 5',
    '1:1e9',
    'zeros(10000, 10000)',
    '[1, 2, 3]',
    '{a: 1}',
    'cos.constructor("return process")()',
    'x.y',
    '"text"',
    '2 inch to cm',
    '1; 2',
    '1e12!',
  ])('refuses %s', async (expression) => {
    await expect(evaluateArithmetic(expression)).rejects.toThrow();
  });

  it('bounds the input length', async () => {
    await expect(evaluateArithmetic('1+'.repeat(MAX_EXPRESSION_CHARS) + '1')).rejects.toThrow(
      UnsafeExpressionError,
    );
  });
});
