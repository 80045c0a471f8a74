import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { workflowsConfig } from '../../config/workflows.config.js';
import { loopRecursionLimit } from '../kit/agent-loop.js';
import { ConversationWorkflow } from '../kit/conversation-workflow.js';
import { Workflow } from '../workflow.decorator.js';
import { buildAgentGraphs } from './agent-graph.js';

/**
 * The original service's main job: a ReAct agent over an OpenAI-compatible model with the
 * payload's tools. The graphs are compiled once; runGraph hands each run's model and tools in.
 */
@Workflow({
  id: 'agent_chat',
  description: 'Tool-using chat agent (ReAct loop) on the payload model.',
})
@Injectable()
export class AgentChatWorkflow extends ConversationWorkflow {
  protected readonly graphs;

  constructor(@Inject(workflowsConfig.KEY) limits: ConfigType<typeof workflowsConfig>) {
    super();
    this.graphs = buildAgentGraphs(limits.maxIterations);
    this.recursionLimit = loopRecursionLimit(limits.maxIterations);
  }
}
