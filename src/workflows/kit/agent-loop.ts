import { END } from '@langchain/langgraph';
import { modelNode } from './model-node.js';
import { finishNode, type RunStateValues } from './run-state.js';
import { toolNode, wantsTools } from './tool-node.js';

/**
 * The ReAct tool loop as graph parts: model → (tools → model)* → end, stopping with
 * `max_iterations` once the model was called `maxIterations` times. Wire it into a graph:
 *
 *   .addNode(agentLoopNodes())
 *   .addConditionalEdges('model', afterModel, ['tools', END])
 *   .addConditionalEdges('tools', afterTools(maxIterations), ['model', 'max_iterations'])
 *   .addEdge('max_iterations', END)
 */
export const agentLoopNodes = () => ({
  model: modelNode(),
  tools: toolNode,
  max_iterations: finishNode('max_iterations'),
});

export const afterModel = (state: RunStateValues): 'tools' | typeof END =>
  wantsTools(state) ? 'tools' : END;

export const afterTools =
  (maxIterations: number) =>
  (state: RunStateValues): 'model' | 'max_iterations' =>
    state.modelCalls < maxIterations ? 'model' : 'max_iterations';

/** Graph steps one loop iteration takes: model, tools. */
const STEPS_PER_ITERATION = 2;
/** Steps a graph may take besides the loop's (a router's, max_iterations, a margin). */
const STEPS_AROUND_LOOP = 3;

/**
 * A recursionLimit for a graph with this loop: the iteration limit is ours (a run that
 * finishes with max_iterations), never LangGraph's recursion error.
 */
export const loopRecursionLimit = (maxIterations: number): number =>
  STEPS_PER_ITERATION * maxIterations + STEPS_AROUND_LOOP;
