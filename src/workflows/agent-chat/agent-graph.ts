import { loopGraph, type LoopEntries } from '../kit/agent-loop.js';

/**
 * The ReAct loop: model → (tools → model)* → end, a resumed run starting at tools. Compiled
 * once per entry, shared by every run.
 */
export const buildAgentGraphs = (
  maxIterations: number,
): LoopEntries<ReturnType<typeof loopGraph>> => ({
  fresh: loopGraph('model', maxIterations),
  resumed: loopGraph('tools', maxIterations),
});
