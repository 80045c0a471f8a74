import type { BaseMessage } from '@langchain/core/messages';
import { Command, END, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { graphRuntimeOf } from './graph-runtime.js';
import { modelNode } from './model-node.js';
import { finishNode, type RunStateUpdate, type RunStateValues } from './run-state.js';
import { steppedNode } from './step-node.js';
import { toolNode, wantsTools } from './tool-node.js';

type LoopNode = (
  state: RunStateValues,
  config: LangGraphRunnableConfig,
) => Promise<RunStateUpdate> | RunStateUpdate;

/** A node as `addNode([...])` takes it: name, action, and the nodes it may go to. */
type LoopNodeEntry = [
  name: string,
  action: (
    state: RunStateValues,
    config: LangGraphRunnableConfig,
  ) => Promise<Command> | RunStateUpdate,
  options?: { ends: string[] },
];

/**
 * A loop node that says itself where the graph goes next (a LangGraph `Command`), from the
 * state it ran on and its own update. A conditional edge would decide the same after the node
 * from a fresh read of the whole state — every channel copied and the node's messages run
 * through the messages reducer with the whole conversation — on every turn of every run
 * (docs/performance.md, lever 12).
 */
function routed<Next extends string>(
  node: LoopNode,
  next: (state: RunStateValues, update: RunStateUpdate) => Next,
) {
  return async (state: RunStateValues, config: LangGraphRunnableConfig): Promise<Command> => {
    const update = await node(state, config);
    return new Command({ update, goto: next(state, update) });
  };
}

/** After a model turn: its tool calls, or the end. */
const afterModel = (_state: RunStateValues, update: RunStateUpdate): 'tools' | typeof END =>
  wantsTools({ messages: update.messages as BaseMessage[] }) ? 'tools' : END;

/** After the tools: the end for calls that wait for approval, else the model until the limit. */
const afterTools =
  (maxIterations: number) =>
  (state: RunStateValues, update: RunStateUpdate): 'model' | 'max_iterations' | typeof END => {
    if (update.finishReason === 'approval_required') return END;
    return state.modelCalls < maxIterations ? 'model' : 'max_iterations';
  };

/**
 * The ReAct tool loop as graph parts: model → (tools → model)* → end, stopping with
 * `max_iterations` once the model was called `maxIterations` times, or ending after a turn
 * whose calls wait for approval. The model and tools nodes route themselves; wire the loop
 * into a graph with its entry and its last edge:
 *
 *   .addNode(agentLoopNodes(maxIterations))
 *   .addConditionalEdges(START, resumeOr('model'), ['model', 'tools'])
 *   .addEdge('max_iterations', END)
 */
export const agentLoopNodes = (maxIterations: number): LoopNodeEntry[] => [
  ['model', routed(steppedNode('llm', modelNode()), afterModel), { ends: ['tools', END] }],
  [
    'tools',
    routed(steppedNode('tool', toolNode), afterTools(maxIterations)),
    { ends: ['model', 'max_iterations', END] },
  ],
  ['max_iterations', finishNode('max_iterations')],
];

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
