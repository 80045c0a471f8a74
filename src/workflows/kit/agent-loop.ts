import type { BaseMessage } from '@langchain/core/messages';
import type { RunApproval } from '../../approval/approval-decisions.js';
import {
  Command,
  END,
  type LangGraphRunnableConfig,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { modelNode } from './model-node.js';
import { finishNode, RunState, type RunStateUpdate, type RunStateValues } from './run-state.js';
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
 * into a graph with an edge into `model` and its last edge, and give the workflow
 * `loopGraph('tools', maxIterations)` for its resumed runs:
 *
 *   .addNode(agentLoopNodes(maxIterations))
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

/** A workflow's compiled graphs, one for each place a run of it can start. */
export interface LoopEntries<Graph> {
  /** For a run that starts from its conversation. */
  fresh: Graph;
  /** For a run that resumes with approval decisions (input.tool_approvals): `loopGraph('tools')`. */
  resumed: Graph;
}

/**
 * The tool loop alone as a graph over RunState, entered at `entry` through a plain START edge.
 * Entered at `tools`, it is where a run that resumes with approval decisions starts in any
 * graph with the loop: the decided calls run first, and from there such a run only goes
 * round the loop. One graph per entry rather than a conditional edge at START, which would
 * read the whole state — every message through the messages reducer — on every run, to make
 * a choice the run's payload already made (docs/performance.md, lever 15).
 */
export const loopGraph = (entry: 'model' | 'tools', maxIterations: number) =>
  new StateGraph(RunState)
    .addNode(agentLoopNodes(maxIterations))
    .addEdge(START, entry)
    .addEdge('max_iterations', END)
    .compile();

/** The graph a run starts in: the resumed one when it brings approval decisions. */
export const entryGraph = <Graph>(graphs: LoopEntries<Graph>, approval: RunApproval): Graph =>
  approval.decisions.size > 0 ? graphs.resumed : graphs.fresh;

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
