import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { graphRuntimeOf } from '../kit/graph-runtime.js';
import type { NodeDefinition, NodeResult, NodeRun } from '../kit/nodes/graph-node.js';
import type { GraphStateUpdate, GraphStateValues } from './graph-state.js';

type GraphNodeFunction = (
  state: GraphStateValues,
  config: LangGraphRunnableConfig,
) => Promise<GraphStateUpdate>;

/**
 * A LangGraph node for one definition node: its visit bound, its run, its result as an
 * update. A visit counts once: the one a resumed run continues was counted when it began.
 * A visit that paused for approval records where (`paused`, `done.graph_state`): the state
 * after it, the visits, and how many of the conversation's last messages are its own (those
 * the resumed visit had, and those it added: `done.messages`).
 */
export function visitOf(node: NodeDefinition, run: NodeRun): GraphNodeFunction {
  return async (state, config) => {
    const resumed = state.resumed?.node === node.id ? state.resumed.messages : undefined;
    const visits = state.nodeVisits[node.id] ?? 0;
    if (!resumed && node.max_iterations !== undefined && visits >= node.max_iterations)
      return { finishReason: 'max_iterations' };
    const counted = resumed ? 0 : 1;
    const runtime = graphRuntimeOf(config);
    const result: NodeResult = await run({
      id: node.id,
      state: state.stateValues,
      variables: runtime.context.payload.input.variables ?? {},
      messages: state.messages,
      runtime,
      config,
      resumed,
    });
    const added = result.added ?? [];
    return {
      stateValues: result.values ?? {},
      nextNode: result.route,
      nodeVisits: { [node.id]: counted },
      ...(resumed && { resumed: null }),
      ...(result.finishReason && { finishReason: result.finishReason }),
      ...(result.finishReason === 'approval_required' && {
        messages: added,
        paused: {
          node: node.id,
          values: { ...state.stateValues, ...result.values },
          visits: { ...state.nodeVisits, [node.id]: visits + counted },
          messages: (resumed?.length ?? 0) + added.length,
        },
      }),
    };
  };
}
