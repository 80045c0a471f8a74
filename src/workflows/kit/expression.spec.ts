import { evaluateExpression, expressionIssues, MAX_EXPRESSION_NODES } from './expression.js';

const scope = { stateKeys: new Set(['score', 'tags']) };
const issues = (expression: unknown) =>
  expressionIssues(expression, 'p', scope).map((issue) => issue.message);

describe('condition expressions (JSON Logic, checked)', () => {
  it('evaluates over state and variables, array operators over their items', () => {
    const view = { state: { score: 7, tags: ['a', 'vip'] }, variables: { min: 5 } };
    expect(
      evaluateExpression({ '>=': [{ var: 'state.score' }, { var: 'variables.min' }] }, view),
    ).toBe(true);
    expect(
      evaluateExpression({ some: [{ var: 'state.tags' }, { '==': [{ var: '' }, 'vip'] }] }, view),
    ).toBe(true);
  });

  it('accepts declared keys and item-relative names inside array operators', () => {
    expect(
      issues({ and: [{ var: 'state.score' }, { all: [{ var: 'state.tags' }, { var: '' }] }] }),
    ).toEqual([]);
  });

  it('refuses log, unknown operators, computed and prototype paths, undeclared keys', () => {
    expect(issues({ log: 1 })).toEqual(["unknown or refused operator 'log'"]);
    expect(issues({ eval: 'x' })).toEqual(["unknown or refused operator 'eval'"]);
    expect(issues({ var: { cat: ['state.', 'score'] } })).toEqual(['"var" takes a literal path']);
    expect(issues({ var: 'state.score.constructor' })).toEqual([
      "'state.score.constructor' reaches a prototype, not data",
    ]);
    expect(issues({ var: 'state.mood' })).toEqual([
      "'state.mood' names an undeclared state key 'mood'",
    ]);
  });

  it(`refuses an expression of more than ${MAX_EXPRESSION_NODES} values and operators`, () => {
    const big = { '+': Array.from({ length: MAX_EXPRESSION_NODES }, () => 1) };
    expect(issues(big)).toEqual([
      `the expression has more than ${MAX_EXPRESSION_NODES} values and operators`,
    ]);
  });
});
