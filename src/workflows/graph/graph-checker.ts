import type { ErrorObject } from 'ajv';
import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { compileSchema, type JsonSchema } from '../../common/json-schema/json-schema.compiler.js';
import type { RunTool } from '../../tools/tool.types.js';
import type { NodeCheckScope, NodeDefinition } from '../kit/nodes/graph-node.js';
import {
  END_TARGET,
  GRAPH_FRAME_SCHEMA,
  type GraphDefinition,
  nodeSchema,
} from './graph-definition.js';
import type { GraphNodeRegistry } from './graph-node.registry.js';
import { GRAPH_STATE_CHANNELS } from './graph-state.js';
import { reachableFrom, type Successors, unboundedCycleNodes } from './graph-topology.js';

export const GRAPH_PATH = 'runtime_config.graph';

/** ajv's errors as our paths: `/nodes/3/edges/true` → `runtime_config.graph.nodes[3].edges.true`. */
function schemaIssues(errors: ErrorObject[], base: string): FieldIssue[] {
  return errors.map((error) => {
    const segments = error.instancePath.split('/').slice(1);
    const named = error.params as { missingProperty?: string; additionalProperty?: string };
    const field = named.missingProperty ?? named.additionalProperty;
    const path = [...segments, ...(field === undefined ? [] : [field])]
      .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
      .join('');
    const message =
      named.additionalProperty !== undefined
        ? 'is not a field of this node type'
        : (error.message ?? 'is invalid');
    return { path: `${base}${path}`, message };
  });
}

function validated(schema: JsonSchema, value: unknown, base: string): FieldIssue[] {
  const validate = compileSchema(schema);
  return validate(value) ? [] : schemaIssues(validate.errors ?? [], base);
}

/** Node ids a graph may not use: the end target, and the names of the graph's own channels. */
const RESERVED_IDS = new Set([END_TARGET, ...GRAPH_STATE_CHANNELS]);

/** Checks one graph definition against the run's tools; every issue with its path. */
class GraphCheck {
  readonly issues: FieldIssue[] = [];
  private readonly ids = new Set<string>();
  private readonly stateKeys: Set<string>;

  constructor(
    private readonly graph: GraphDefinition,
    private readonly registry: GraphNodeRegistry,
    private readonly tools: ReadonlyMap<string, RunTool>,
  ) {
    this.stateKeys = new Set(Object.keys(graph.state ?? {}));
  }

  run(maxNodes: number): FieldIssue[] {
    const count = countNodes(this.graph.nodes);
    if (count > maxNodes) {
      this.issues.push({
        path: `${GRAPH_PATH}.nodes`,
        message: `${count} nodes; at most MAX_GRAPH_NODES = ${maxNodes}`,
      });
      return this.issues;
    }
    this.checkState();
    this.issues.push(...this.checkNodes(this.graph.nodes, `${GRAPH_PATH}.nodes`, false));
    if (this.issues.length === 0) this.checkFlow();
    return this.issues;
  }

  private checkState(): void {
    for (const [key, schema] of Object.entries(this.graph.state ?? {})) {
      const path = `${GRAPH_PATH}.state.${key}`;
      if (key === 'messages') {
        this.issues.push({
          path,
          message: "'messages' is the conversation; it is always in state",
        });
        continue;
      }
      try {
        const validate = compileSchema(schema);
        if (schema.default !== undefined && !validate(schema.default))
          this.issues.push({ path: `${path}.default`, message: 'does not match its own schema' });
      } catch (error) {
        this.issues.push({ path, message: `not a valid JSON Schema: ${(error as Error).message}` });
      }
    }
  }

  private checkNodes(nodes: NodeDefinition[], path: string, inMap: boolean): FieldIssue[] {
    return nodes.flatMap((node, index) => this.checkNode(node, `${path}[${index}]`, inMap));
  }

  private checkNode(node: NodeDefinition, path: string, inMap: boolean): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (this.ids.has(node.id))
      issues.push({ path: `${path}.id`, message: `'${node.id}' is the id of another node` });
    if (RESERVED_IDS.has(node.id))
      issues.push({ path: `${path}.id`, message: `'${node.id}' is reserved` });
    this.ids.add(node.id);
    const kind = this.registry.get(node.type);
    if (!kind)
      return [
        ...issues,
        {
          path: `${path}.type`,
          message: `unknown node type '${node.type}'; known: ${this.registry.types().join(', ')}`,
        },
      ];
    if (inMap && !kind.inMap)
      issues.push({ path: `${path}.type`, message: `a ${node.type} node cannot run inside a map` });
    const fieldIssues = validated(nodeSchema(node.type, kind.fields), node, path);
    if (fieldIssues.length > 0) return [...issues, ...fieldIssues];
    for (const { field, key } of kind.writes(node))
      if (!this.stateKeys.has(key))
        issues.push({ path: `${path}.${field}`, message: `'${key}' is not a declared state key` });
    const scope: NodeCheckScope = {
      path,
      stateKeys: this.stateKeys,
      tools: this.tools,
      inMap,
      checkNodes: (children, childPath) => this.checkNodes(children, childPath, true),
    };
    return [...issues, ...kind.issues(node, scope)];
  }

  /** Entry, edges, routing targets, reachability, cycles: over the top-level nodes. */
  private checkFlow(): void {
    const { nodes, edges = [], entry } = this.graph;
    const indexOf = new Map(nodes.map((node, index) => [node.id, index]));
    const successors = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
    const target = (to: string, path: string, from: string) => {
      if (to !== END_TARGET && !indexOf.has(to))
        this.issues.push({ path, message: `'${to}' is no node of the graph (nor "end")` });
      else successors.get(from)?.push(to);
    };
    if (!indexOf.has(entry))
      this.issues.push({
        path: `${GRAPH_PATH}.entry`,
        message: `'${entry}' is no node of the graph`,
      });
    const routed = new Set<string>();
    nodes.forEach((node, index) => {
      for (const { field, target: to } of this.registry.get(node.type)?.targets(node) ?? []) {
        routed.add(node.id);
        target(to, `${GRAPH_PATH}.nodes[${index}].${field}`, node.id);
      }
    });
    const leaving = new Set<string>();
    edges.forEach(({ from, to }, index) => {
      const path = `${GRAPH_PATH}.edges[${index}]`;
      if (!indexOf.has(from))
        return this.issues.push({
          path: `${path}.from`,
          message: `'${from}' is no node of the graph`,
        });
      if (routed.has(from))
        return this.issues.push({
          path: `${path}.from`,
          message: `'${from}' routes by its own edges`,
        });
      if (leaving.has(from))
        return this.issues.push({
          path: `${path}.from`,
          message: `'${from}' already has an edge; branch with a condition`,
        });
      leaving.add(from);
      target(to, `${path}.to`, from);
    });
    if (this.issues.length > 0) return;
    this.checkReach(entry, successors, indexOf);
  }

  private checkReach(entry: string, successors: Successors, indexOf: Map<string, number>): void {
    const reached = reachableFrom(entry, successors);
    for (const [id, index] of indexOf)
      if (!reached.has(id))
        this.issues.push({
          path: `${GRAPH_PATH}.nodes[${index}]`,
          message: `'${id}' cannot be reached from the entry`,
        });
    const bounded = new Set(
      this.graph.nodes.filter((node) => node.max_iterations !== undefined).map((node) => node.id),
    );
    for (const id of unboundedCycleNodes(successors, bounded))
      this.issues.push({
        path: `${GRAPH_PATH}.nodes[${indexOf.get(id)}]`,
        message: `'${id}' is on a cycle with no max_iterations bound; set it on one node of the cycle`,
      });
  }
}

function countNodes(nodes: NodeDefinition[]): number {
  return nodes.reduce(
    (total, node) =>
      total + 1 + (Array.isArray(node.nodes) ? countNodes(node.nodes as NodeDefinition[]) : 0),
    0,
  );
}

/**
 * Everything wrong with a `graph` workflow's definition, each issue with its path (400
 * invalid_graph): its frame, each node's fields by its type, state keys, templates,
 * expressions and tools, then its flow (entry, edge targets, reachability, bounded cycles).
 */
export function graphIssues(
  graph: unknown,
  registry: GraphNodeRegistry,
  tools: ReadonlyMap<string, RunTool>,
  maxNodes: number,
): FieldIssue[] {
  if (graph === undefined)
    return [{ path: GRAPH_PATH, message: 'the graph workflow needs a definition' }];
  const frame = validated(GRAPH_FRAME_SCHEMA, graph, GRAPH_PATH);
  if (frame.length > 0) return frame;
  return new GraphCheck(graph as GraphDefinition, registry, tools).run(maxNodes);
}
