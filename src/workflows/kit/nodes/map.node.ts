import { Injectable } from '@nestjs/common';
import pLimit from 'p-limit';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import type { FinishReason } from '../../../common/run-events/run-event.types.js';
import { referenceIssue, resolveReference } from '../state-reference.js';
import { graphRuntimeError } from './graph-runtime.error.js';
import { DEFAULT_MAP_PARALLEL, MAX_MAP_ITEMS, MAX_MAP_PARALLEL } from './graph-limits.js';
import {
  GraphNodeKind,
  GraphNodeType,
  type NodeBuilder,
  type NodeCheckScope,
  type NodeDefinition,
  type NodeRun,
  type NodeVisit,
} from './graph-node.js';

interface MapNode extends NodeDefinition {
  over: string;
  as: string;
  nodes: NodeDefinition[];
  collect: string;
  into: string;
  max_parallel?: number;
}

/** What one item's run gave: the value of `collect`, or why the run must stop. */
type ItemOutcome = { value: unknown } | { finishReason: FinishReason };

/**
 * Runs a list of nodes (in order, no edges) once per item of a list in state or variables,
 * up to `max_parallel` items at once: each item's run sees the state with the item in `as`,
 * writes only its own copy, and gives the value of `collect`; the list of them goes into
 * `into`, in the items' order.
 */
@GraphNodeType('map')
@Injectable()
export class MapNodeKind extends GraphNodeKind<MapNode> {
  // Maps do not nest: the items of one are the only parallel runs of a graph.
  override readonly inMap = false;
  readonly fields = {
    description: `Runs \`nodes\` once per item of the list \`over\` (at most ${MAX_MAP_ITEMS} items, \`max_parallel\` at once), each item in the state key \`as\`, collecting each run's \`collect\` into \`into\`.`,
    properties: {
      over: { type: 'string', description: 'The list: "state.<key>" or "variables.<name>".' },
      as: { type: 'string', description: 'The state key each item is put in.' },
      nodes: {
        type: 'array',
        minItems: 1,
        items: { type: 'object' },
        description: 'The nodes run for each item, in order (llm, tool, template).',
      },
      collect: { type: 'string', description: "The state key read after an item's nodes ran." },
      into: { type: 'string', description: 'The state key that receives the collected list.' },
      max_parallel: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_MAP_PARALLEL,
        default: DEFAULT_MAP_PARALLEL,
      },
    },
    required: ['over', 'as', 'nodes', 'collect', 'into'],
  };

  writes(node: MapNode) {
    return [
      { field: 'as', key: node.as },
      { field: 'collect', key: node.collect },
      { field: 'into', key: node.into },
    ];
  }

  issues(node: MapNode, scope: NodeCheckScope): FieldIssue[] {
    const issue =
      node.over.startsWith('state.') || node.over.startsWith('variables.')
        ? referenceIssue(node.over, scope)
        : `'${node.over}' is neither state.<key> nor variables.<name>`;
    return [
      ...(issue ? [{ path: `${scope.path}.over`, message: issue }] : []),
      ...scope.checkNodes(node.nodes, `${scope.path}.nodes`),
    ];
  }

  build(node: MapNode, builder: NodeBuilder): NodeRun {
    const steps = builder.build(node.nodes);
    const runItem = async (visit: NodeVisit, item: unknown): Promise<ItemOutcome> => {
      let state: Record<string, unknown> = { ...visit.state, [node.as]: item };
      for (const step of steps) {
        const result = await step.run({ ...visit, id: step.id, state });
        if (result.finishReason) return { finishReason: result.finishReason };
        state = { ...state, ...result.values };
      }
      return { value: state[node.collect] ?? null };
    };
    return async (visit) => {
      const items = resolveReference(visit, node.over);
      if (!Array.isArray(items)) throw graphRuntimeError(visit.id, `'${node.over}' is not a list`);
      if (items.length > MAX_MAP_ITEMS)
        throw graphRuntimeError(visit.id, `'${node.over}' has more than ${MAX_MAP_ITEMS} items`);
      const limit = pLimit(node.max_parallel ?? DEFAULT_MAP_PARALLEL);
      const outcomes = await Promise.all(items.map((item) => limit(() => runItem(visit, item))));
      const stopped = outcomes.find((outcome) => 'finishReason' in outcome);
      if (stopped) return { finishReason: stopped.finishReason };
      return {
        values: { [node.into]: outcomes.map((outcome) => (outcome as { value: unknown }).value) },
      };
    };
  }
}
