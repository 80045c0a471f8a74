import type { JsonSchema } from '../../common/json-schema/json-schema.compiler.js';
import type { NodeDefinition, NodeFields } from '../kit/nodes/graph-node.js';
import { MAX_NODE_ITERATIONS } from '../kit/nodes/graph-limits.js';

/** The definition versions this execution plane runs. */
export const GRAPH_VERSIONS = [1] as const;

/** The edge target that ends the run. */
export const END_TARGET = 'end';

/** `runtime_config.graph` as sent (docs/graph-workflows.md). */
export interface GraphDefinition {
  version: (typeof GRAPH_VERSIONS)[number];
  /** State keys and the JSON Schema of each (with an optional `default`). */
  state?: Record<string, JsonSchema>;
  nodes: NodeDefinition[];
  edges?: { from: string; to: string }[];
  entry: string;
}

const IDENTIFIER = '^[A-Za-z][A-Za-z0-9_]{0,63}$';

/** The fields every node has, whatever its type. */
export const NODE_BASE_PROPERTIES: Record<string, JsonSchema> = {
  id: { type: 'string', pattern: IDENTIFIER, description: 'Unique in the graph; not "end".' },
  type: { type: 'string', description: 'The node type.' },
  max_iterations: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_NODE_ITERATIONS,
    description:
      'Visits allowed in one run; every cycle needs a node with it. Past it the run ends with max_iterations.',
  },
};

/** The JSON Schema of one node of `type`: the fields every node has, then its type's own. */
export function nodeSchema(type: string, fields: NodeFields): JsonSchema {
  return {
    type: 'object',
    description: fields.description,
    additionalProperties: false,
    required: ['id', 'type', ...(fields.required ?? [])],
    properties: { ...NODE_BASE_PROPERTIES, type: { const: type }, ...fields.properties },
  };
}

/** The definition's frame: what the checks read before they look at any node's own fields. */
export const GRAPH_FRAME_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'nodes', 'entry'],
  properties: {
    version: { enum: [...GRAPH_VERSIONS] },
    state: {
      type: 'object',
      propertyNames: { pattern: IDENTIFIER },
      additionalProperties: {
        type: 'object',
        description: 'A JSON Schema; `default` is the initial value.',
      },
    },
    nodes: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['id', 'type'], properties: NODE_BASE_PROPERTIES },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: { from: { type: 'string' }, to: { type: 'string' } },
      },
    },
    entry: { type: 'string' },
  },
};
