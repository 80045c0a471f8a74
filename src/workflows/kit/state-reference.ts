/**
 * What templates and expressions may name: `state.<key>…` (a key the graph declares),
 * `variables.<name>…` (input.variables), and inside a section or an array operation the
 * current item's own fields. Never a path through an object's prototype.
 */
export interface ReferenceScope {
  readonly stateKeys: ReadonlySet<string>;
  /** Inside a section or an array operation: names relative to the current item are fine. */
  readonly item?: boolean;
}

/** Path segments that would reach a prototype or a constructor instead of data. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** Why `name` (a dotted path) may not be used here, or undefined when it may. */
export function referenceIssue(name: string, scope: ReferenceScope): string | undefined {
  const segments = name.split('.');
  if (segments.some((segment) => UNSAFE_SEGMENTS.has(segment)))
    return `'${name}' reaches a prototype, not data`;
  const [root, key] = segments;
  if (root === 'state') {
    if (key === undefined || key === '') return `'${name}' names no state key`;
    return scope.stateKeys.has(key)
      ? undefined
      : `'${name}' names an undeclared state key '${key}'`;
  }
  if (root === 'variables') return undefined;
  if (scope.item) return undefined;
  return `'${name}' is neither state.<key> nor variables.<name>`;
}

/** The view templates and expressions read: the graph's state and input.variables. */
export interface ReferenceView {
  state: Readonly<Record<string, unknown>>;
  variables: Readonly<Record<string, unknown>>;
}

/** The value at a dotted `state.…` or `variables.…` path; undefined when absent. */
export function resolveReference(view: ReferenceView, name: string): unknown {
  let current: unknown = view;
  for (const segment of name.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment))
      return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
