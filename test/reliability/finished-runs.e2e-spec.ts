import { examplePayload } from '../support/agent-payloads.js';
import { type ChildAgentHarness, startChildAgentHarness } from '../support/child-agent-harness.js';
import { ChildInspector } from '../support/inspector.js';
import { takeMachine } from '../support/machine-lock.js';
import { postRun } from '../support/sse-client.js';
import { expectWellFormedStream } from '../support/stream-assertions.js';

const RUNS = 300;
/**
 * Heap a finished run may leave behind once collected, with no frames kept for resume
 * (RUN_LOG_MAX_FINISHED_RUNS=0): its small run record, and noise. A held graph costs ~38 KiB.
 */
const MAX_KIB_PER_FINISHED_RUN = 8;

/**
 * A finished run leaves nothing of its graph behind. A Node timer or socket holds the async
 * context it was made in, which inside a graph node is LangChain's run tree and through it
 * the run's whole graph loop, messages and tools: each plugin call's 30 s
 * AbortSignal.timeout held its run past the next collections (until the signal itself was
 * collected and its finalizer ran), and a pooled keep-alive socket held the run that opened
 * it for as long as it stayed in the pool. 15 s after 1,500 runs a heap snapshot found 1,219
 * finished graphs (docs/performance.md, "Memory").
 */
describe('finished runs are released (plugin and model sockets pooled)', () => {
  let releaseMachine: () => void;
  beforeAll(async () => (releaseMachine = await takeMachine()), 600_000);
  afterAll(() => releaseMachine());
  let harness: ChildAgentHarness;
  beforeAll(async () => {
    harness = await startChildAgentHarness({
      RUN_LOG_MAX_FINISHED_RUNS: '0',
      NODE_OPTIONS: '--inspect=127.0.0.1:0',
    });
  });
  afterAll(() => harness.stop('SIGKILL'));

  it(`${RUNS} agent runs with a plugin call leave under ${MAX_KIB_PER_FINISHED_RUN} KiB each after GC`, async () => {
    const { service, model, plugin, baseUrl } = harness;
    const inspector = await ChildInspector.connect(service.stderr);
    const url = `${baseUrl}/v1/run_workflow`;
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: 'tool?chunks=5',
      pluginOrigin: plugin.origin,
    });
    const lanes = (count: number) => {
      let next = 0;
      const lane = async () => {
        while (next++ < count) expectWellFormedStream(await postRun(url, payload));
      };
      return Promise.all(Array.from({ length: 8 }, lane));
    };
    await lanes(40); // warm: every module loaded, every path compiled, the pools filled
    const base = await inspector.heapAfterGcBytes();
    await lanes(RUNS);
    const after = await inspector.heapAfterGcBytes();
    inspector.close();
    expect(plugin.requests.length).toBe(40 + RUNS);
    expect((after - base) / RUNS / 1024).toBeLessThan(MAX_KIB_PER_FINISHED_RUN);
  }, 120_000);
});
