import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import { evaluateExpression, expressionIssues } from '../expression.js';
import { graphRuntimeError } from './graph-runtime.error.js';
import {
  GraphNodeKind,
  GraphNodeType,
  type NodeCheckScope,
  type NodeDefinition,
  type NodeRun,
} from './graph-node.js';

interface ConditionNode extends NodeDefinition {
  expression: unknown;
  edges: Record<string, string>;
  default?: string;
}

/** The edge name of an expression's result: `true`/`false`, a string, a number as written. */
function edgeNameOf(result: unknown): string | undefined {
  if (typeof result === 'boolean' || typeof result === 'number') return String(result);
  return typeof result === 'string' ? result : undefined;
}

/**
 * Routes on a JSON Logic expression over state and variables (jsonlogic.com: no code, no
 * loops, cost bounded by its size; expression.ts): its result names the edge taken
 * (`"true"`/`"false"` for a boolean), else `default`.
 */
@GraphNodeType('condition')
@Injectable()
export class ConditionNodeKind extends GraphNodeKind<ConditionNode> {
  override readonly inMap = false;
  readonly fields = {
    description:
      'Evaluates `expression` (JSON Logic over {"var": "state.x"} / {"var": "variables.x"}) and follows the edge its result names ("true"/"false" for a boolean), else `default`.',
    properties: {
      expression: { description: 'A JSON Logic rule (jsonlogic.com); `log` is refused.' },
      edges: {
        type: 'object',
        minProperties: 1,
        additionalProperties: { type: 'string' },
        description: 'Result → target node id (or "end").',
      },
      default: { type: 'string', description: 'The target when no edge names the result.' },
    },
    required: ['expression', 'edges'],
  };

  override targets(node: ConditionNode) {
    const edges = Object.entries(node.edges).map(([name, target]) => ({
      field: `edges.${name}`,
      target,
    }));
    return node.default === undefined
      ? edges
      : [...edges, { field: 'default', target: node.default }];
  }

  writes() {
    return [];
  }

  issues(node: ConditionNode, scope: NodeCheckScope): FieldIssue[] {
    return expressionIssues(node.expression, `${scope.path}.expression`, scope);
  }

  build(node: ConditionNode): NodeRun {
    return (visit) => {
      let result: unknown;
      try {
        result = evaluateExpression(node.expression, visit);
      } catch {
        throw graphRuntimeError(visit.id, 'its expression failed');
      }
      const name = edgeNameOf(result);
      if (name !== undefined && Object.hasOwn(node.edges, name))
        return Promise.resolve({ route: node.edges[name] });
      if (node.default !== undefined) return Promise.resolve({ route: node.default });
      throw graphRuntimeError(
        visit.id,
        `its expression gave a ${result === null ? 'null' : typeof result} that none of its edges names, and it has no default`,
      );
    };
  }
}
