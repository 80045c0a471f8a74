import type { JsonSchema } from '../../common/json-schema/json-schema.compiler.js';
import { GRAPH_FRAME_SCHEMA, nodeSchema } from './graph-definition.js';
import type { GraphNodeRegistry } from './graph-node.registry.js';

/**
 * The JSON Schema (2020-12) of runtime_config.graph for the control plane (GET
 * /v1/schemas/graph): the frame, and each registered node type's fields told apart by
 * `type`. What a schema cannot say (edge targets, reachability, cycles, state keys in
 * templates, tools) is checked by the execution plane and listed in docs/graph-workflows.md.
 */
export function graphJsonSchema(registry: GraphNodeRegistry): JsonSchema {
  const frame = GRAPH_FRAME_SCHEMA as { properties: Record<string, JsonSchema> };
  const types = registry.types();
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:execution-plane:graph:1',
    title: 'runtime_config.graph',
    ...GRAPH_FRAME_SCHEMA,
    properties: {
      ...frame.properties,
      nodes: { type: 'array', minItems: 1, items: { $ref: '#/$defs/node' } },
    },
    $defs: {
      node: { oneOf: types.map((type) => ({ $ref: `#/$defs/${type}_node` })) },
      ...Object.fromEntries(
        types.map((type) => [`${type}_node`, nodeSchema(type, registry.get(type)!.fields)]),
      ),
    },
  };
}
