import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { getContextVariable, setContextVariable } from '@langchain/core/context';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import {
  Annotation,
  getConfig,
  type LangGraphRunnableConfig,
  StateGraph,
} from '@langchain/langgraph';
import { RunTree } from 'langsmith';
import { installLeanRunContext, uninstallLeanRunContext } from './lean-run-context.js';

const State = Annotation.Root({ seen: Annotation<string[]>({ reducer: (a, b) => [...a, ...b] }) });

/** What a node sees of its run: its config, a context variable, the async context's store. */
interface Seen {
  tenant: unknown;
  fromContext: unknown;
  store: unknown;
}

async function runOneNode(config: LangGraphRunnableConfig = {}): Promise<Seen> {
  let seen: Seen | undefined;
  const graph = new StateGraph(State)
    .addNode('look', () => {
      seen = {
        tenant: getConfig().configurable?.tenant,
        fromContext: getContextVariable('request'),
        store: AsyncLocalStorageProviderSingleton.getInstance().getStore(),
      };
      return { seen: ['look'] };
    })
    .addEdge('__start__', 'look')
    .compile();
  // A context variable set before the run reaches its nodes (LangChain carries it along).
  await AsyncLocalStorageProviderSingleton.getInstance().run(undefined, async () => {
    setContextVariable('request', 'r-1');
    await graph.invoke({ seen: [] }, { ...config, configurable: { tenant: 't-1' } });
  });
  return seen as Seen;
}

/**
 * A callback handler that LangChain takes for a LangSmith tracer, by its name: it answers with
 * a run tree as the real one does, without one's client (which would post runs).
 */
class TracerLookalike extends BaseCallbackHandler {
  name = 'langchain_tracer';
  getRunTreeWithTracingConfig(id: string): RunTree {
    return new RunTree({ id, name: 'traced', tracingEnabled: false });
  }
}

describe('installLeanRunContext', () => {
  afterEach(() => uninstallLeanRunContext());

  it('gives a graph node the same config and context variables as LangChain does', async () => {
    const langChains = await runOneNode();
    installLeanRunContext();
    const lean = await runOneNode();
    expect(lean.tenant).toBe('t-1');
    expect(lean.fromContext).toBe('r-1');
    expect({ tenant: lean.tenant, fromContext: lean.fromContext }).toEqual({
      tenant: langChains.tenant,
      fromContext: langChains.fromContext,
    });
  });

  it('carries them without building a LangSmith run tree', async () => {
    expect((await runOneNode()).store).toBeInstanceOf(RunTree);
    installLeanRunContext();
    expect((await runOneNode()).store).not.toBeInstanceOf(RunTree);
  });

  it("hands a call with a LangSmith tracer to LangChain's own, unchanged", async () => {
    installLeanRunContext();
    const seen = await runOneNode({ callbacks: [new TracerLookalike()] });
    expect(seen.store).toBeInstanceOf(RunTree);
    expect(seen.tenant).toBe('t-1');
  });

  it('is installed once however often it is called', async () => {
    installLeanRunContext();
    const installed = AsyncLocalStorageProviderSingleton.runWithConfig;
    installLeanRunContext();
    expect(AsyncLocalStorageProviderSingleton.runWithConfig).toBe(installed);
  });
});
