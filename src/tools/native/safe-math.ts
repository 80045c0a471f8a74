import type { MathJsInstance, MathNode } from 'mathjs';

/** Longest expression accepted, and most syntax-tree nodes: together they bound the work. */
export const MAX_EXPRESSION_CHARS = 500;
export const MAX_EXPRESSION_NODES = 200;

let mathjs: Promise<MathJsInstance> | undefined;

/**
 * mathjs with every function costs ~100 MB of RSS, which a process should not pay at boot
 * for a tool most runs never call: it is loaded by the first expression (docs/performance.md).
 */
function loadMath(): Promise<MathJsInstance> {
  mathjs ??= import('mathjs').then(({ all, create }) => create(all, { number: 'number' }));
  return mathjs;
}

/** Node types an arithmetic expression needs; everything else (assignment, ranges, matrices,
 * objects, property access, function definitions, blocks) is refused before evaluation. */
const ALLOWED_NODE_TYPES = new Set([
  'ConstantNode',
  'OperatorNode',
  'ParenthesisNode',
  'SymbolNode',
  'FunctionNode',
]);

/** Functions and constants an expression may name. Nothing that parses, evaluates, imports or
 * builds large values (see mathjs "Security": https://mathjs.org/docs/expressions/security.html). */
const ALLOWED_SYMBOLS = new Set([
  'abs',
  'acos',
  'asin',
  'atan',
  'atan2',
  'cbrt',
  'ceil',
  'cos',
  'cosh',
  'exp',
  'floor',
  'gcd',
  'hypot',
  'lcm',
  'log',
  'log10',
  'log2',
  'max',
  'mean',
  'median',
  'min',
  'mod',
  'nthRoot',
  'pow',
  'round',
  'sign',
  'sin',
  'sinh',
  'sqrt',
  'tan',
  'tanh',
  'pi',
  'e',
  'tau',
  'phi',
]);

/** Operators of arithmetic and comparison; not the range `:`, unit conversion `to`, nor
 * factorial (mathjs multiplies up to n, so `1e12!` would hold the event loop). */
const ALLOWED_OPERATORS = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'mod',
  'unaryMinus',
  'unaryPlus',
  'equal',
  'unequal',
  'smaller',
  'larger',
  'smallerEq',
  'largerEq',
]);

export class UnsafeExpressionError extends Error {
  override readonly name = 'UnsafeExpressionError';
}

function check(node: MathNode): void {
  if (!ALLOWED_NODE_TYPES.has(node.type))
    throw new UnsafeExpressionError(`'${node.type}' is not allowed`);
  if (
    node.type === 'SymbolNode' &&
    !ALLOWED_SYMBOLS.has((node as unknown as { name: string }).name)
  ) {
    throw new UnsafeExpressionError(
      `'${(node as unknown as { name: string }).name}' is not an allowed function or constant`,
    );
  }
  if (
    node.type === 'OperatorNode' &&
    !ALLOWED_OPERATORS.has((node as unknown as { fn: string }).fn)
  ) {
    throw new UnsafeExpressionError(
      `operator '${(node as unknown as { op: string }).op}' is not allowed`,
    );
  }
}

/**
 * Evaluates an arithmetic expression with mathjs, but only after its parsed tree passed an
 * allow-list of node types, symbols and operators: parsing is pure, and nothing that is
 * evaluated can reach import, createUnit, evaluate, parse or the JavaScript runtime.
 */
export async function evaluateArithmetic(expression: string): Promise<number | boolean> {
  if (expression.length > MAX_EXPRESSION_CHARS) {
    throw new UnsafeExpressionError(
      `expressions are limited to ${MAX_EXPRESSION_CHARS} characters`,
    );
  }
  const tree = (await loadMath()).parse(expression);
  let nodes = 0;
  tree.traverse((node) => {
    nodes += 1;
    check(node);
  });
  if (nodes > MAX_EXPRESSION_NODES)
    throw new UnsafeExpressionError(`expressions are limited to ${MAX_EXPRESSION_NODES} terms`);
  const value: unknown = tree.compile().evaluate({});
  if (typeof value !== 'number' && typeof value !== 'boolean')
    throw new UnsafeExpressionError('the result is not a number');
  return value;
}
