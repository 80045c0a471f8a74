import { SystemMessage } from '@langchain/core/messages';
import {
  Annotation,
  END,
  type LangGraphRunnableConfig,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { workflowsConfig } from '../../config/workflows.config.js';
import { agentLoopNodes, loopGraph, loopRecursionLimit } from '../kit/agent-loop.js';
import { ConversationWorkflow } from '../kit/conversation-workflow.js';
import { graphRuntimeOf } from '../kit/graph-runtime.js';
import { modelNode } from '../kit/model-node.js';
import { RunState, type RunStateValues } from '../kit/run-state.js';
import { steppedNode } from '../kit/step-node.js';
import { chooseOne } from '../kit/structured-turn.js';
import { Workflow } from '../workflow.decorator.js';

const ROUTES = ['chat', 'tools'] as const;
const RouterState = Annotation.Root({
  ...RunState.spec,
  route: Annotation<(typeof ROUTES)[number]>,
});

/** One quiet model call picks the route; with no tools there is nothing to route to. */
async function classify(state: RunStateValues, config: LangGraphRunnableConfig) {
  const runtime = graphRuntimeOf(config);
  const tools = runtime.context.tools;
  if (tools.length === 0) return { route: 'chat' as const };
  const instruction = new SystemMessage(
    'Classify the last request of this conversation: "tools" if answering it needs one of ' +
      `these tools, else "chat".\n${tools.map((tool) => `- ${tool.name}: ${tool.description}`).join('\n')}`,
  );
  const messages = [instruction, ...state.messages];
  const choice = await chooseOne(runtime.model(false), messages, config, {
    name: 'route',
    choices: ROUTES,
  });
  // An answer off the format takes the tool loop, which can still answer without tools.
  return { route: choice ?? 'tools' };
}

/**
 * A first, quiet model call classifies the request: plain conversation gets one streamed
 * answer without tools (no tool schemas in its prompt), the rest the agent loop (where a
 * resumed run starts, at its tools).
 */
@Workflow({
  id: 'router',
  description: 'Classifies the request, then answers directly or with the tool-using agent loop.',
})
@Injectable()
export class RouterWorkflow extends ConversationWorkflow {
  protected readonly graphs;

  constructor(@Inject(workflowsConfig.KEY) limits: ConfigType<typeof workflowsConfig>) {
    super();
    const byRoute = (state: typeof RouterState.State) =>
      state.route === 'chat' ? 'answer' : 'model';
    this.graphs = {
      fresh: new StateGraph(RouterState)
        .addNode('classify', steppedNode('llm', classify))
        .addNode('answer', steppedNode('llm', modelNode({ tools: false })))
        .addNode(agentLoopNodes(limits.maxIterations))
        .addEdge(START, 'classify')
        .addConditionalEdges('classify', byRoute, ['answer', 'model'])
        .addEdge('answer', END)
        .addEdge('max_iterations', END)
        .compile(),
      resumed: loopGraph('tools', limits.maxIterations),
    };
    this.recursionLimit = loopRecursionLimit(limits.maxIterations);
  }
}
