import { RunError } from '../../../common/errors/execution-plane.error.js';

/**
 * A graph run that cannot go on: a template or expression that failed, a value off its
 * state key's schema, a condition with no edge for its result. The message names the node
 * and the rule, never a state value (it may hold a user's message or a tool's answer).
 */
export function graphRuntimeError(nodeId: string, reason: string): RunError {
  return new RunError('graph_runtime_error', `Node '${nodeId}': ${reason}`, false);
}
