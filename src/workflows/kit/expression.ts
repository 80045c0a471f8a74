import jsonLogic from 'json-logic-js';
import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { referenceIssue, type ReferenceScope, type ReferenceView } from './state-reference.js';

/**
 * The JSON Logic operators a condition may use (jsonlogic.com/operations.html): all of
 * json-logic-js's but `log` (it writes to the console: state contents in our logs) and
 * `missing`/`missing_some` (paths hidden in plain strings; `!!{"var": …}` says the same).
 */
export const EXPRESSION_OPERATORS = [
  'var',
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!!',
  '!',
  'and',
  'or',
  'if',
  '?:',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'merge',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
] as const;

/**
 * Values and operators in one expression. With no loops or recursion in JSON Logic, an
 * expression's cost is at most its size times the length of the lists it walks.
 */
export const MAX_EXPRESSION_NODES = 256;

/** Operators whose second argument runs once per item, with `var` naming the item's fields. */
const ITEM_OPERATORS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);
const OPERATORS = new Set<string>(EXPRESSION_OPERATORS);

interface Walk {
  path: string;
  scope: ReferenceScope;
  issues: FieldIssue[];
  /** Shared by the whole walk (item scopes copy the rest). */
  size: { nodes: number };
}

function varIssue(args: unknown, walk: Walk): void {
  const name = Array.isArray(args) ? (args as unknown[])[0] : args;
  if (typeof name !== 'string') {
    walk.issues.push({ path: walk.path, message: '"var" takes a literal path' });
    return;
  }
  // The empty path is the current item inside an array operation.
  if (name === '' && walk.scope.item) return;
  const issue = referenceIssue(name, walk.scope);
  if (issue) walk.issues.push({ path: walk.path, message: issue });
}

function visit(value: unknown, walk: Walk): void {
  walk.size.nodes += 1;
  if (walk.size.nodes > MAX_EXPRESSION_NODES) return;
  if (Array.isArray(value)) {
    for (const item of value) visit(item, walk);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  // An object of more than one key is a literal to json-logic-js; its values are not run.
  if (entries.length !== 1) return;
  const [[operator, args]] = entries;
  if (!OPERATORS.has(operator)) {
    walk.issues.push({ path: walk.path, message: `unknown or refused operator '${operator}'` });
    return;
  }
  if (operator === 'var') return varIssue(args, walk);
  const list = Array.isArray(args) ? args : [args];
  list.forEach((arg, index) => {
    const item = ITEM_OPERATORS.has(operator) && index === 1;
    visit(arg, item ? { ...walk, scope: { ...walk.scope, item: true } } : walk);
  });
}

/** What is wrong with a JSON Logic expression: refused operators, unknown names, its size. */
export function expressionIssues(
  expression: unknown,
  path: string,
  scope: ReferenceScope,
): FieldIssue[] {
  const walk: Walk = { path, scope, issues: [], size: { nodes: 0 } };
  visit(expression, walk);
  if (walk.size.nodes > MAX_EXPRESSION_NODES)
    walk.issues.push({
      path,
      message: `the expression has more than ${MAX_EXPRESSION_NODES} values and operators`,
    });
  return walk.issues;
}

/** Evaluates a checked expression over the graph's view (`state`, `variables`). */
export function evaluateExpression(expression: unknown, view: ReferenceView): unknown {
  return jsonLogic.apply(expression as never, view) as unknown;
}
