import { END, START, StateGraph } from '@langchain/langgraph';
import { afterModel, afterTools, agentLoopNodes } from '../kit/agent-loop.js';
import { RunState } from '../kit/run-state.js';

/** The ReAct loop: model → (tools → model)* → end. Compiled once, shared by every run. */
export function buildAgentGraph(maxIterations: number) {
  return new StateGraph(RunState)
    .addNode(agentLoopNodes())
    .addEdge(START, 'model')
    .addConditionalEdges('model', afterModel, ['tools', END])
    .addConditionalEdges('tools', afterTools(maxIterations), ['model', 'max_iterations'])
    .addEdge('max_iterations', END)
    .compile();
}
