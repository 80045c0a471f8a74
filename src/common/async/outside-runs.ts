import { AsyncLocalStorage } from 'node:async_hooks';

/** The async context this module loads in: the process's boot, inside no request or run. */
const bootContext = AsyncLocalStorage.snapshot();

/**
 * `connect` that opens its sockets in the boot context rather than the caller's. A socket
 * keeps the async context it was opened in for its whole life, and a pooled keep-alive socket
 * outlives the run that opened it: opened inside a graph node, that context is LangChain's run
 * tree, and through it the run's whole graph loop, kept as long as the socket stays in the
 * pool (and handed to the events of every later run the socket serves). undici runs a
 * request's own callbacks in the request's context, so nothing of a run needs the socket's.
 */
export function outsideRuns<Args extends unknown[]>(
  connect: (...args: Args) => void,
): (...args: Args) => void {
  return (...args) => bootContext(() => connect(...args));
}
