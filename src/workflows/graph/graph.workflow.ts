import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { fieldIssuesError } from '../../common/errors/execution-plane.error.js';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import { workflowsConfig } from '../../config/workflows.config.js';
import type { RunWorkflowDto } from '../../payload/dto/run-workflow.dto.js';
import type { WorkflowInputDto } from '../../payload/dto/workflow-input.dto.js';
import type { RunTool } from '../../tools/tool.types.js';
import { conversationOf } from '../kit/conversation.js';
import { runGraph } from '../kit/run-graph.js';
import { Workflow } from '../workflow.decorator.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../workflow.types.js';
import { GraphCache } from './graph-cache.js';
import { graphIssues } from './graph-checker.js';
import { graphResumeIssues } from './graph-resume.js';
import { type CompiledGraph, compileGraph, type GraphInput } from './graph-compiler.js';
import type { GraphDefinition } from './graph-definition.js';
import { GraphNodeRegistry } from './graph-node.registry.js';

/**
 * The workflow the control plane composes: runtime_config.graph, checked against the run's
 * tools before the stream (400 invalid_graph with paths), compiled to a LangGraph StateGraph
 * once per distinct definition (GraphCache), and streamed like any kit graph. A run that
 * paused for approval resumes at its node with `input.graph_state` (checked here too).
 */
@Workflow({
  id: 'graph',
  description:
    'Runs the workflow defined in runtime_config.graph (nodes, edges, state; docs/graph-workflows.md).',
})
@Injectable()
export class GraphWorkflow extends RunnableWorkflow {
  private readonly cache = new GraphCache();
  /** Each admitted payload's compiled graph, from its check to its run. */
  private readonly compiled = new WeakMap<RunWorkflowDto, CompiledGraph>();

  constructor(
    private readonly registry: GraphNodeRegistry,
    @Inject(workflowsConfig.KEY) private readonly limits: ConfigType<typeof workflowsConfig>,
  ) {
    super();
  }

  override check(payload: RunWorkflowDto, tools: readonly RunTool[]): void {
    const graph = payload.runtime_config.graph;
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const issues = graphIssues(graph, this.registry, byName, this.limits.maxGraphNodes);
    if (issues.length > 0) throw fieldIssuesError('invalid_graph', 'Invalid graph', issues);
    const definition = graph as unknown as GraphDefinition;
    const compiled = this.cache.get(definition, () => compileGraph(definition, this.registry));
    const resume = graphResumeIssues(
      payload.input,
      definition,
      compiled.stateValidators,
      this.registry,
    );
    if (resume.length > 0) throw fieldIssuesError('invalid_graph', 'Invalid graph state', resume);
    this.compiled.set(payload, compiled);
  }

  run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const compiled = this.compiled.get(context.payload);
    if (!compiled) throw new Error('a graph run started without its check');
    const input = graphInputOf(compiled, context.payload.input);
    return runGraph(compiled.graph, input, context, { recursionLimit: compiled.recursionLimit });
  }
}

/**
 * The graph's input: the conversation and the initial state; resumed, the state where it
 * paused, the paused node's own messages (the conversation's tail) going back to it alone.
 */
function graphInputOf(compiled: CompiledGraph, input: WorkflowInputDto): GraphInput {
  const { messages, variables, graph_state: paused } = input;
  const split = messages.length - (paused?.messages ?? 0);
  return {
    messages: conversationOf(messages.slice(0, split), variables),
    stateValues: { ...compiled.initialValues, ...paused?.values },
    ...(paused && {
      nodeVisits: { ...paused.visits },
      resumed: { node: paused.node, messages: conversationOf(messages.slice(split)) },
    }),
  };
}
