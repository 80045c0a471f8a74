import { CallbackManager } from '@langchain/core/callbacks/manager';
import type { RunnableConfig } from '@langchain/core/runnables';
import {
  _CONTEXT_VARIABLES_KEY,
  AsyncLocalStorageProviderSingleton,
} from '@langchain/core/singletons';

/** Where LangChain keeps a runnable's config in the async context (`getRunnableConfig` reads it). */
const CHILD_CONFIG_KEY = Symbol.for('lc:child_config');
const TRACER_NAME = 'langchain_tracer';

type RunWithConfig = typeof AsyncLocalStorageProviderSingleton.runWithConfig;

/** What LangChain's own `runWithConfig` puts in the async context, minus the run tree. */
interface RunContextStore {
  extra?: Record<symbol, unknown>;
  [_CONTEXT_VARIABLES_KEY]?: unknown;
}

let original: RunWithConfig | undefined;

/**
 * LangChain's `runWithConfig` (every graph node, edge, write and branch call enters it) makes
 * a LangSmith `RunTree` even with tracing off — a UUIDv7 from `crypto.getRandomValues`, two
 * date strings and a dozen environment reads — only to carry the config in the async context:
 * ~1 ms of a 10 ms run (docs/performance.md, lever 10). This one carries the same config and
 * context variables in a plain object, and hands every call a LangSmith tracer takes part in
 * to LangChain's own, so tracing, when switched on, behaves as before. Installed once at boot;
 * LangChain's upstream change for the same (langchain-ai/langchainjs#10043) was not merged.
 */
export function installLeanRunContext(): void {
  if (original) return;
  const provider = AsyncLocalStorageProviderSingleton;
  const langChains = provider.runWithConfig;
  original = langChains;
  provider.runWithConfig = ((config, callback, avoidCreatingRootRunTree) => {
    if (traced(config))
      return langChains.call(provider, config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const previous = storage.getStore() as RunContextStore | undefined;
    let store: RunContextStore | undefined = avoidCreatingRootRunTree
      ? undefined
      : { extra: { [CHILD_CONFIG_KEY]: config } };
    if (previous?.[_CONTEXT_VARIABLES_KEY] !== undefined) {
      store ??= {};
      store[_CONTEXT_VARIABLES_KEY] = previous[_CONTEXT_VARIABLES_KEY];
    }
    return storage.run(store, callback);
  }) as RunWithConfig;
}

/** LangChain's own again (for specs that compare the two). */
export function uninstallLeanRunContext(): void {
  if (!original) return;
  AsyncLocalStorageProviderSingleton.runWithConfig = original;
  original = undefined;
}

/** Whether LangChain would hand this call to a LangSmith tracer (callbacks, environment). */
function traced(config: RunnableConfig | undefined): boolean {
  const manager = CallbackManager._configureSync(
    config?.callbacks,
    undefined,
    config?.tags,
    undefined,
    config?.metadata,
  );
  return manager?.handlers.some((handler) => handler.name === TRACER_NAME) ?? false;
}
