import { HumanMessage } from '@langchain/core/messages';
import { OpenAiCompatibleServer } from '../../test/fixtures/openai-compatible.server.js';
import { createModelTransport, type ModelTransport } from './model-transport.js';
import { OpenAiCompatibleChatModel } from './openai-compatible.chat-model.js';

/**
 * LangChain's own surface of the client (`stream()`), which workflow authors may call: it
 * reads the same pushed turn as the kit's streamTurn, pulled through `pulled`. And what
 * streamTurn does with a consumer that fails, which no e2e run can provoke.
 */
describe("OpenAiCompatibleChatModel: LangChain's stream() and streamTurn", () => {
  let server: OpenAiCompatibleServer;
  let transport: ModelTransport;
  const outcomes: string[] = [];

  const model = (scenario: string) => {
    const client = new OpenAiCompatibleChatModel(
      { model: scenario, apiKey: 'unused', streamUsage: true, maxRetries: 0 },
      {
        transport,
        endpoint: { url: `${server.baseUrl}/chat/completions`, headers: {} },
        request: { fields: {}, headers: {} },
      },
    );
    client.observeCall = (_durationMs, outcome) => outcomes.push(outcome);
    return client;
  };

  beforeAll(async () => {
    server = await new OpenAiCompatibleServer().start();
  });
  beforeEach(() => {
    transport = createModelTransport({ maxRetries: 0, timeoutMs: 5_000 });
    outcomes.length = 0;
  });
  afterEach(() => transport.close());
  afterAll(() => server.stop());

  it('streams the answer chunk by chunk, then one chunk with the finish reason and usage', async () => {
    const chunks = [];
    for await (const chunk of await model('text?tokens=5').stream([new HumanMessage('hi')]))
      chunks.push(chunk);
    expect(chunks.slice(0, -1).map((chunk) => chunk.content)).toEqual([
      'tok0',
      ' tok1',
      ' tok2',
      ' tok3',
      ' tok4',
    ]);
    const last = chunks.at(-1);
    expect(last?.response_metadata.finish_reason).toBe('stop');
    expect(last?.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(outcomes).toEqual(['ok']);
  });

  it('stops the call when its reader leaves early: the upstream connection closes', async () => {
    const closed = server.waitForClientClose(5_000);
    const stream = await model('text?tokens=200&delay_ms=5').stream([new HumanMessage('hi')]);
    for await (const chunk of stream) {
      expect(chunk.content).toBe('tok0');
      break;
    }
    expect(await closed).toBeLessThan(5_000);
    expect(outcomes).toEqual(['cancelled']);
  });

  it("passes a piece consumer's own error on untranslated, the call counted as stopped", async () => {
    const consumerError = new Error('the run stopped reading');
    const turn = model('text?tokens=50&delay_ms=2').streamTurn(
      [new HumanMessage('hi')],
      {} as never,
      () => {
        throw consumerError;
      },
    );
    await expect(turn).rejects.toBe(consumerError);
    expect(outcomes).toEqual(['cancelled']);
  });
});
