import { END, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { graphRuntimeOf } from './graph-runtime.js';
import { modelNode } from './model-node.js';
import { finishNode, type RunStateValues } from './run-state.js';
import { steppedNode } from './step-node.js';
import { toolNode, wantsTools } from './tool-node.js';

/**
 * The ReAct tool loop as graph parts: model → (tools → model)* → end, stopping with
 * `max_iterations` once the model was called `maxIterations` times, or ending after a turn
 * whose calls wait for approval. Wire it into a graph:
 *
 *   .addNode(agentLoopNodes())
 *   .addConditionalEdges(START, resumeOr('model'), ['model', 'tools'])
 *   .addConditionalEdges('model', afterModel, ['tools', END])
 *   .addConditionalEdges('tools', afterTools(maxIterations), ['model', 'max_iterations', END])
 *   .addEdge('max_iterations', END)
 */
export const agentLoopNodes = () => ({
  model: steppedNode('llm', modelNode()),
  tools: steppedNode('tool', toolNode),
  max_iterations: finishNode('max_iterations'),
});

export const afterModel = (state: RunStateValues): 'tools' | typeof END =>
  wantsTools(state) ? 'tools' : END;

export const afterTools =
  (maxIterations: number) =>
  (state: RunStateValues): 'model' | 'max_iterations' | typeof END => {
    if (state.finishReason === 'approval_required') return END;
    return state.modelCalls < maxIterations ? 'model' : 'max_iterations';
  };

/**
 * Where a graph starts: at the tool loop's `tools` node for a run that resumes with
 * decisions (input.tool_approvals: the decided calls run first), else at `first`.
 */
export const resumeOr =
  <First extends string>(first: First) =>
  (_state: RunStateValues, config: LangGraphRunnableConfig): First | 'tools' =>
    graphRuntimeOf(config).context.approval.decisions.size > 0 ? 'tools' : first;

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
