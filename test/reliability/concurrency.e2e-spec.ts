import { setTimeout as sleep } from 'node:timers/promises';
import { type ChildAgentHarness, startChildAgentHarness } from '../support/child-agent-harness.js';
import { toolCallsScenario } from '../support/agent-harness.js';
import { examplePayload } from '../support/agent-payloads.js';
import { echoPayload } from '../support/payloads.js';
import { residentBytes } from '../support/process-memory.js';
import { postRun } from '../support/sse-client.js';
import { expectWellFormedStream } from '../support/stream-assertions.js';

const WAVE = 200;

describe('200 simultaneous runs against the production build', () => {
  let harness: ChildAgentHarness;
  let model: ChildAgentHarness['model'];
  let plugin: ChildAgentHarness['plugin'];
  let service: ChildAgentHarness['service'];
  let baseUrl: string;

  beforeAll(async () => {
    harness = await startChildAgentHarness({ MODEL_MAX_RETRIES: '0', MAX_ITERATIONS: '3' });
    ({ model, plugin, service, baseUrl } = harness);
    plugin.handle('GET', '/broken', (_request, res) => res.writeHead(500).end('no'));
  });
  afterAll(() => harness.stop());

  /** The payload of run `index`: a mix of answers, tool calls and every kind of fault. */
  function mixedPayload(index: number): unknown {
    const agent = (modelName: string) =>
      examplePayload({ modelBaseUrl: model.baseUrl, modelName, pluginOrigin: plugin.origin });
    const broken = agent(toolCallsScenario([{ name: 'broken', args: {} }]));
    broken.runtime_config.tools.push({
      type: 'HTTP',
      name: 'broken',
      execution_config: { url: `${plugin.origin}/broken` },
    });
    const mix = [
      () => agent('text?chunks=5&delay_ms=5'),
      () => agent('tool?delay_ms=2'),
      () => broken,
      () => agent('status?code=500'),
      () => agent('drop'),
      () => agent('malformed'),
      () => agent('forever'),
      () => echoPayload(`run ${index} says hello`, { echo_delay_ms: 3 }),
    ];
    return mix[index % mix.length]();
  }

  async function wave(): Promise<void> {
    const streams = await Promise.all(
      Array.from({ length: WAVE }, (_, index) =>
        postRun(`${baseUrl}/v1/run_workflow`, mixedPayload(index)),
      ),
    );
    const runIds = new Set<string>();
    for (const stream of streams) {
      // Checks ids 1..n, one done last, every tool_start paired, and that every frame
      // carries this stream's own run_id (the X-Run-Id header).
      expectWellFormedStream(stream);
      runIds.add(stream.headers.get('x-run-id') as string);
    }
    expect(runIds.size).toBe(WAVE);
  }

  async function settledRss(): Promise<number> {
    await sleep(1500);
    return residentBytes(service.process.pid as number);
  }

  it('keeps every stream well-formed and returns to its memory level, wave after wave', async () => {
    await wave(); // warm-up: JIT, pools, lazily loaded modules
    const baseline = await settledRss();
    let before = baseline;
    for (let round = 0; round < 3; round += 1) {
      await wave();
      const after = await settledRss();
      expect(after).toBeLessThanOrEqual(before * 1.2);
      before = after;
    }
    // V8 collects lazily, so RSS may creep between waves without any leak (the heap after a
    // forced GC stays flat: see docs/reliability.md); a leak of a run's state would not.
    expect(before).toBeLessThanOrEqual(baseline * 1.5);
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { active_runs: number };
    expect(health.active_runs).toBe(0);
  }, 120_000);
});
