import type { BaseMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { DiscoveryService } from '@nestjs/core';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import type { JsonSchema } from '../../../common/json-schema/json-schema.compiler.js';
import type { FinishReason } from '../../../common/run-events/run-event.types.js';
import type { RunTool } from '../../../tools/tool.types.js';
import type { GraphRuntime } from '../graph-runtime.js';
import type { ReferenceScope, ReferenceView } from '../state-reference.js';

/** One node of a graph definition as sent: its id and type, then its type's own fields. */
export interface NodeDefinition {
  id: string;
  type: string;
  /** Visits of this node one run allows (a cycle needs one node with it). */
  max_iterations?: number;
  [field: string]: unknown;
}

/** What checking one node knows of its graph. */
export interface NodeCheckScope extends ReferenceScope {
  /** Where the node sits, e.g. `runtime_config.graph.nodes[3]`. */
  readonly path: string;
  /** The run's tools, by name. */
  readonly tools: ReadonlyMap<string, RunTool>;
  /** Whether the node is one of a map's (it runs once per item, in parallel). */
  readonly inMap: boolean;
  /** Checks the nodes a map runs per item (`path` is their list's). */
  checkNodes(nodes: NodeDefinition[], path: string): FieldIssue[];
}

/** One visit of a node: the state it reads and the run it belongs to. */
export interface NodeVisit extends ReferenceView {
  readonly id: string;
  /** The conversation (input.messages, the system prompt first). */
  readonly messages: readonly BaseMessage[];
  readonly runtime: GraphRuntime;
  readonly config: LangGraphRunnableConfig;
  /**
   * In a run resumed at this node: the messages its paused visit had added, ending with the
   * assistant message whose calls the resume decides (input.tool_approvals).
   */
  readonly resumed?: readonly BaseMessage[];
}

/**
 * Why a map's nodes may not use a tool that requires approval: its items run in parallel and
 * one of them cannot pause alone.
 */
export const GRAPH_APPROVAL_IN_MAP =
  'tools that require approval cannot run inside a map (its items run in parallel; one cannot pause alone)';

/** What a visit changes. */
export interface NodeResult {
  /** State keys to set (each checked against its declared schema). */
  values?: Record<string, unknown>;
  /** A condition's choice: the id of the node to go to next (or `end`). */
  route?: string;
  /** Set when the run must end here (`max_iterations`) or when a streamed answer says how it finished. */
  finishReason?: FinishReason;
  /**
   * With `approval_required`: the messages this visit added that the control plane does not
   * have yet (`done.messages`), ending with the assistant message whose calls wait.
   */
  added?: BaseMessage[];
}

export type NodeRun = (visit: NodeVisit) => Promise<NodeResult>;

/** How a node builds the nodes it runs itself (a map's per-item nodes). */
export interface NodeBuilder {
  build(nodes: NodeDefinition[]): { id: string; run: NodeRun }[];
}

/** The JSON Schema of a node type's own fields (besides id, type and max_iterations). */
export interface NodeFields {
  properties: Record<string, JsonSchema>;
  required?: string[];
  description: string;
}

/**
 * A node type of `graph` workflows. Adding one is one file: a provider extending this class
 * with `@GraphNodeType('<type>')`, plus its line in WorkflowsModule; GraphNodeRegistry finds
 * it, the graph schema (GET /v1/schemas/graph) and the checks take its fields.
 */
export abstract class GraphNodeKind<Node extends NodeDefinition = NodeDefinition> {
  abstract readonly fields: NodeFields;
  /** False for a node that cannot run once per item of a map (it routes, streams, nests). */
  readonly inMap: boolean = true;
  /** True for a node that can pause for approval, so a run can resume at it (`input.graph_state`). */
  readonly resumable: boolean = false;

  /**
   * A routing node's targets, each with the field that names it (`edges.true`); undefined
   * for a node whose one way on is the graph's `edges`.
   */
  targets(_node: Node): { field: string; target: string }[] | undefined {
    return undefined;
  }

  /** State keys the node writes, each with the field that names it (checked to be declared). */
  abstract writes(node: Node): { field: string; key: string }[];

  /** What the schema cannot say: templates, expressions, tools, nested nodes. */
  abstract issues(node: Node, scope: NodeCheckScope): FieldIssue[];

  /** The node's run, built once per compiled graph. */
  abstract build(node: Node, builder: NodeBuilder): NodeRun;
}

/** Marks a GraphNodeKind provider with the `type` graph definitions name it by. */
export const GraphNodeType = DiscoveryService.createDecorator<string>();
