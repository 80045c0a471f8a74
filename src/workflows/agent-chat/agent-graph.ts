import { END, START, StateGraph } from '@langchain/langgraph';
import { agentLoopNodes, resumeOr } from '../kit/agent-loop.js';
import { RunState } from '../kit/run-state.js';

/**
 * The ReAct loop: model → (tools → model)* → end, a resumed run starting at tools. Compiled
 * once, shared by every run.
 */
export function buildAgentGraph(maxIterations: number) {
  return new StateGraph(RunState)
    .addNode(agentLoopNodes(maxIterations))
    .addConditionalEdges(START, resumeOr('model'), ['model', 'tools'])
    .addEdge('max_iterations', END)
    .compile();
}
