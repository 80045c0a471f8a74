import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import { toolsConfig } from '../../config/tools.config.js';
import { workflowsConfig } from '../../config/workflows.config.js';
import type { RunTool } from '../../tools/tool.types.js';
import { graphEvents, graphStreamOptions } from '../graph-events.js';
import { Workflow } from '../workflow.decorator.js';
import {
  RunnableWorkflow,
  type WorkflowOutcome,
  type WorkflowRunContext,
} from '../workflow.types.js';
import { buildAgentGraph } from './agent-graph.js';
import { type AgentRuntime, runtimeConfigurable } from './agent-runtime.js';
import { conversationOf } from './conversation.js';

function toOpenAiTool(tool: RunTool) {
  return {
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

/**
 * The original service's main job: a ReAct agent over an OpenAI-compatible model with the
 * payload's tools. The graph is compiled once; the run's model and tools travel in its config.
 */
@Workflow({
  id: 'agent_chat',
  description: 'Tool-using chat agent (ReAct loop) on the payload model.',
})
@Injectable()
export class AgentChatWorkflow extends RunnableWorkflow {
  private readonly graph = buildAgentGraph();

  constructor(
    @Inject(workflowsConfig.KEY) private readonly limits: ConfigType<typeof workflowsConfig>,
    @Inject(toolsConfig.KEY) private readonly tooling: ConfigType<typeof toolsConfig>,
  ) {
    super();
  }

  async *run(context: WorkflowRunContext): AsyncGenerator<WorkflowEvent, WorkflowOutcome> {
    const runtime = this.runtimeFor(context);
    const { messages, variables } = context.payload.input;
    const stream = await this.graph.stream(
      { messages: conversationOf(messages, variables) },
      graphStreamOptions(context, {
        configurable: runtimeConfigurable(runtime),
        // Each iteration is two steps (model, tools); the limit is ours, not LangGraph's.
        recursionLimit: 2 * this.limits.maxIterations + 2,
      }),
    );
    yield* graphEvents(stream, context.pacer);
    return { finishReason: runtime.outcome.finishReason };
  }

  private runtimeFor(context: WorkflowRunContext): AgentRuntime {
    const tools = new Map(context.tools.map((tool) => [tool.name, tool]));
    return {
      model: context.chatModel(context.tools.map(toOpenAiTool)),
      tools,
      toolContext: {
        signal: context.signal,
        traceId: context.traceId,
        runId: context.runId,
        logger: context.logger,
        trace: context.trace,
        redactor: context.redactor,
      },
      usage: context.usage,
      maxIterations: this.limits.maxIterations,
      maxParallelTools: this.tooling.maxParallelTools,
      streamToolArguments: context.payload.runtime_config.stream_tool_arguments === true,
      outcome: { finishReason: 'stop', modelCalls: 0 },
    };
  }
}
