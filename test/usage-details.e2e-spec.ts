import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

describe('usage details in done (issue 17: cached and reasoning tokens)', () => {
  let harness: AgentHarness;

  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const run = (modelName: string) =>
    postRun(
      harness.runUrl,
      examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName,
        pluginOrigin: harness.plugin.origin,
      }),
    );

  it('sums the cached and reasoning tokens of every model call', async () => {
    const stream = await run('tool?text=Sunny.&cached_tokens=12&reasoning_tokens=5');
    expectWellFormedStream(stream);
    const reported = harness.model.requests.map((request) => request.usage);
    expect(reported).toHaveLength(2);
    const sum = (pick: (usage: (typeof reported)[number]) => number) =>
      reported.reduce((total, usage) => total + pick(usage), 0);
    expect(stream.events.at(-1)?.data.usage).toEqual({
      prompt_tokens: sum((usage) => usage?.prompt_tokens ?? 0),
      completion_tokens: sum((usage) => usage?.completion_tokens ?? 0),
      total_tokens: sum((usage) => usage?.total_tokens ?? 0),
      prompt_tokens_details: { cached_tokens: 24 },
      completion_tokens_details: { reasoning_tokens: 10 },
    });
  });

  it('leaves the details out when the provider reports none', async () => {
    const stream = await run('tool?text=Sunny.');
    expectWellFormedStream(stream);
    const usage = stream.events.at(-1)?.data.usage;
    expect(Object.keys(usage as object).sort()).toEqual([
      'completion_tokens',
      'prompt_tokens',
      'total_tokens',
    ]);
  });
});
