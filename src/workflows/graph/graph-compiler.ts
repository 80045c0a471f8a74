import { END, type LangGraphRunnableConfig, START, StateGraph } from '@langchain/langgraph';
import type { ValidateFunction } from 'ajv';
import { compileSchema, schemaErrorsText } from '../../common/json-schema/json-schema.compiler.js';
import type { BaseMessage } from '@langchain/core/messages';
import type { StreamableGraph } from '../kit/run-graph.js';
import { steppedNode } from '../kit/step-node.js';
import { graphRuntimeError } from '../kit/nodes/graph-runtime.error.js';
import type { NodeDefinition, NodeRun } from '../kit/nodes/graph-node.js';
import { END_TARGET, type GraphDefinition } from './graph-definition.js';
import type { GraphNodeRegistry } from './graph-node.registry.js';
import type { GraphStateValues, ResumedNode } from './graph-state.js';
import { GraphState } from './graph-state.js';
import { visitOf } from './graph-visit.js';

/** The part of StateGraph's builder a definition's dynamic node names need. */
interface GraphBuilder {
  addNode(
    name: string,
    node: (state: GraphStateValues, config: LangGraphRunnableConfig) => unknown,
  ): GraphBuilder;
  addConditionalEdges(
    from: string,
    next: (state: GraphStateValues) => string,
    targets: string[],
  ): GraphBuilder;
  compile(): StreamableGraph<GraphInput>;
}

export interface GraphInput {
  messages: BaseMessage[];
  stateValues: Record<string, unknown>;
  /** A resumed run's: the visits so far and the node it continues at. */
  nodeVisits?: Record<string, number>;
  resumed?: ResumedNode;
}

/** A definition compiled once: the LangGraph graph, its initial state, its step bound. */
export interface CompiledGraph {
  graph: StreamableGraph<GraphInput>;
  initialValues: Record<string, unknown>;
  recursionLimit: number;
  /** The state keys' validators: for the nodes' writes and a resume's values. */
  stateValidators: StateValidators;
}

/** Steps LangGraph may take besides the nodes' visits (its own start, a margin). */
const STEPS_AROUND_NODES = 2;

/** Each state key's validator, compiled once per definition. */
export type StateValidators = ReadonlyMap<string, ValidateFunction>;

/** A node run whose writes are checked against their state keys' schemas. */
function checkedWrites(run: NodeRun, validators: StateValidators): NodeRun {
  return async (visit) => {
    const result = await run(visit);
    for (const [key, value] of Object.entries(result.values ?? {})) {
      // The checks let nodes write declared keys only.
      const validate = validators.get(key) as ValidateFunction;
      if (!validate(value))
        throw graphRuntimeError(
          visit.id,
          `the value it wrote into '${key}' does not match its schema (${schemaErrorsText(validate, key)})`,
        );
    }
    return result;
  };
}

/** A node past its max_iterations, or one that paused for approval, ends the run wherever its edges point. */
const ends = (state: GraphStateValues) =>
  state.finishReason === 'max_iterations' || state.finishReason === 'approval_required';
const endOr = (target: string) => (target === END_TARGET ? END : target);

/** Compiles a checked definition to a LangGraph StateGraph whose nodes are the kinds' runs. */
export function compileGraph(
  definition: GraphDefinition,
  registry: GraphNodeRegistry,
): CompiledGraph {
  const stateValidators: StateValidators = new Map(
    Object.entries(definition.state ?? {}).map(([key, schema]) => [key, compileSchema(schema)]),
  );
  const build = (nodes: NodeDefinition[]) =>
    nodes.map((node) => {
      const kind = registry.get(node.type);
      if (!kind) throw new Error(`graph node type '${node.type}' was not checked`);
      return { id: node.id, run: checkedWrites(kind.build(node, { build }), stateValidators) };
    });
  const builder = new StateGraph(GraphState) as unknown as GraphBuilder;
  const runs = build(definition.nodes);
  definition.nodes.forEach((node, index) =>
    builder.addNode(node.id, steppedNode(node.type, visitOf(node, runs[index].run))),
  );
  // A resumed run starts at the node that paused (the checks made it a top-level one).
  const ids = definition.nodes.map((node) => node.id);
  builder.addConditionalEdges(START, (state) => state.resumed?.node ?? definition.entry, ids);
  const next = new Map((definition.edges ?? []).map((edge) => [edge.from, edge.to]));
  for (const node of definition.nodes) {
    const routes = registry.get(node.type)?.targets(node);
    const targets = routes
      ? routes.map((route) => route.target)
      : [next.get(node.id) ?? END_TARGET];
    const choose = (state: GraphStateValues) =>
      ends(state) ? END : endOr(routes ? (state.nextNode ?? END_TARGET) : targets[0]);
    builder.addConditionalEdges(node.id, choose, [...new Set([...targets.map(endOr), END])]);
  }
  const visits = definition.nodes.reduce((total, node) => total + (node.max_iterations ?? 0), 0);
  return {
    graph: builder.compile(),
    initialValues: Object.fromEntries(
      Object.entries(definition.state ?? {}).flatMap(([key, schema]) =>
        schema.default === undefined ? [] : [[key, schema.default]],
      ),
    ),
    recursionLimit: (visits + 1) * definition.nodes.length + STEPS_AROUND_NODES,
    stateValidators,
  };
}
