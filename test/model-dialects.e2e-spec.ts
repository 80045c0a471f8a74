import { jest } from '@jest/globals';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { type ReceivedStream, postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

/**
 * Recorded streams of real providers (test/fixtures/recordings/, each citing its source)
 * replayed by the test model server: every dialect must give the run events OpenAI's own
 * stream gives. The recordings all ask for weather in Paris and Rome (usage 50/20/70), then
 * answer "Paris and Rome are both sunny." (usage 90/8/98).
 */
const ANSWER = 'Paris and Rome are both sunny.';
const RUN_USAGE = { prompt_tokens: 140, completion_tokens: 28, total_tokens: 168 };
const ANSWER_USAGE = { prompt_tokens: 90, completion_tokens: 8, total_tokens: 98 };

/**
 * What a client sees of a run, without ids, times and durations, and with the usage's three
 * counts only: the details (cached, reasoning tokens) are there only from providers that
 * report them.
 */
function visible(stream: ReceivedStream) {
  return stream.events.map(({ data }) => {
    const { seq, run_id, trace_id, timestamp, duration_ms, tool_call_id, ...rest } = data;
    void [seq, run_id, trace_id, timestamp, duration_ms, tool_call_id];
    if (!rest.usage) return rest;
    const { prompt_tokens, completion_tokens, total_tokens } = rest.usage as typeof RUN_USAGE;
    return { ...rest, usage: { prompt_tokens, completion_tokens, total_tokens } };
  });
}

describe('model stream dialects (recorded provider streams)', () => {
  let harness: AgentHarness;
  const run = (turns: string) =>
    postRun(
      harness.runUrl,
      examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: `replay?turns=${turns}`,
        pluginOrigin: harness.plugin.origin,
      }),
    );

  beforeAll(async () => {
    harness = await startAgentHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  let openAiRun: ReturnType<typeof visible>;
  it('OpenAI: both calls run, the follow-up answers each call, usage summed', async () => {
    const stream = await run('openai-tools,openai-text');
    expectWellFormedStream(stream);
    const starts = stream.events.filter((event) => event.event === 'tool_start');
    expect(starts.map((event) => event.data.arguments)).toEqual([
      { city: 'Paris' },
      { city: 'Rome' },
    ]);
    expect(harness.plugin.requests.map((request) => request.query.city).sort()).toEqual([
      'Paris',
      'Rome',
    ]);
    expect(answerText(stream)).toBe(ANSWER);
    expect(stream.events.at(-1)?.data).toMatchObject({ finish_reason: 'stop', usage: RUN_USAGE });
    // OpenAI reports its details, as zeros here, on both calls: they are summed and kept.
    expect(stream.events.at(-1)?.data.usage).toMatchObject({
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    openAiRun = visible(stream);
  });

  it.each([
    ['Gemini (no index, stop with calls)', 'gemini-tools,gemini-text'],
    ['vLLM (index 0, id "", running usage)', 'vllm-tools,openai-text'],
    ['SGLang (index 0, same id repeated)', 'sglang-tools,openai-text'],
    ['empty role on every chunk', 'empty-role-tools,openai-text'],
    ['null or no role', 'no-role-tools,openai-text'],
    ['Ollama before 0.4.7 (no index)', 'ollama-tools,openai-text'],
  ])('%s gives the run events of the OpenAI stream', async (_name, turns) => {
    const stream = await run(turns);
    expectWellFormedStream(stream);
    const thinking = stream.events.filter((event) => event.event === 'tool_thinking');
    // Reasoning is the dialect's own; everything else must match OpenAI's run exactly.
    expect(visible(stream).filter((event) => event.type !== 'tool_thinking')).toEqual(openAiRun);
    if (turns.startsWith('empty-role'))
      expect(thinking.map((event) => event.data.content)).toEqual(['Checking both cities.']);

    const [, followUp] = harness.model.requests;
    const assistant = followUp.body.messages.find((message) => message.role === 'assistant');
    const calls = assistant?.tool_calls ?? [];
    const toolMessages = followUp.body.messages.filter((message) => message.role === 'tool');
    const callIds = calls.map((call) => call.id);
    expect(callIds).toHaveLength(2);
    expect(new Set(callIds).size).toBe(2);
    expect(toolMessages.map((message) => message.tool_call_id).sort()).toEqual([...callIds].sort());
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([
      { city: 'Paris' },
      { city: 'Rome' },
    ]);
    const started = stream.events.filter((event) => event.event === 'tool_start');
    expect(started.map((event) => event.data.tool_call_id).sort()).toEqual([...callIds].sort());
  });

  it.each([
    ['Mistral typed content parts', 'mistral-thinking-text', 'Both tools said sunny.'],
    ['OpenRouter keep-alive comments and reasoning', 'openrouter-text', 'Both tools said sunny.'],
    ['Moonshot usage in choices[0]', 'moonshot-text', ''],
    ['Groq usage in x_groq', 'groq-text', ''],
    ['Azure prompt_filter_results and content null', 'azure-text', ''],
    ['a stream that ends without [DONE]', 'no-done-text', ''],
  ])('%s: text, reasoning and usage', async (_name, turns, reasoning) => {
    const writes: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const log = jest.spyOn(console, 'log').mockImplementation((...args) => {
      writes.push(args.join(' '));
    });
    const stream = await run(turns).finally(() => {
      stdout.mockRestore();
      log.mockRestore();
    });
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe(ANSWER);
    const thinking = stream.events.filter((event) => event.event === 'tool_thinking');
    expect(thinking.map((event) => event.data.content).join('')).toBe(reasoning);
    expect(stream.events.at(-1)?.data).toMatchObject({
      finish_reason: 'stop',
      usage: ANSWER_USAGE,
    });
    // LangChain's reader printed "[WARNING]: Received non-string content" for typed parts.
    expect(writes).toEqual([]);
  });

  it.each([
    [
      'OpenRouter mid-stream server_error',
      'openrouter-midstream-error',
      'upstream_unavailable',
      true,
    ],
    ['OpenRouter mid-stream 429', 'openrouter-rate-limit-error', 'upstream_rate_limited', true],
    ['event: error (overloaded)', 'event-error-overloaded', 'upstream_unavailable', true],
    ['Google RESOURCE_EXHAUSTED', 'google-resource-exhausted', 'upstream_rate_limited', true],
    ['vLLM context length', 'vllm-context-length-error', 'context_length_exceeded', false],
    ['invalid api key in the stream', 'auth-error-in-stream', 'upstream_auth_failed', false],
  ])('%s → %s', async (_name, turns, code, retryable) => {
    const stream = await run(turns);
    expectWellFormedStream(stream);
    const error = stream.events.find((event) => event.event === 'error');
    expect(error?.data).toMatchObject({ code, retryable });
    expect(JSON.stringify(stream.events)).not.toMatch(/sk-live|Provider disconnected|quota/);
    expect(stream.events.at(-1)?.data).toMatchObject({ finish_reason: 'error' });
  });

  it.each(['vllm-tools', 'sglang-tools', 'gemini-tools'])(
    'tool_call_delta events carry each call its own id and arguments (%s)',
    async (recording) => {
      const payload = examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: `replay?turns=${recording},openai-text`,
        pluginOrigin: harness.plugin.origin,
      });
      payload.runtime_config.stream_tool_arguments = true;
      const stream = await postRun(harness.runUrl, payload);
      expectWellFormedStream(stream);
      const argumentsById = new Map<string, string>();
      for (const event of stream.events.filter((each) => each.event === 'tool_call_delta')) {
        const id = event.data.tool_call_id as string;
        argumentsById.set(
          id,
          (argumentsById.get(id) ?? '') + (event.data.arguments_delta as string),
        );
      }
      const starts = stream.events.filter((event) => event.event === 'tool_start');
      expect(starts).toHaveLength(2);
      for (const start of starts)
        expect(JSON.parse(argumentsById.get(start.data.tool_call_id as string) ?? '')).toEqual(
          start.data.arguments,
        );
    },
  );

  it('a call with unparseable arguments is answered and sent back with its sibling', async () => {
    const stream = await run('invalid-arguments-tools,openai-text');
    expectWellFormedStream(stream);
    const results = stream.events.filter((event) => event.event === 'tool_result');
    expect(results.map((event) => [event.data.tool_call_id, event.data.status]).sort()).toEqual([
      ['call_broken', 'error'],
      ['call_rome', 'success'],
    ]);
    const followUp = harness.model.requests[1].body.messages;
    const calls = followUp.find((message) => message.role === 'assistant')?.tool_calls ?? [];
    expect(calls.map((call) => call.id).sort()).toEqual(['call_broken', 'call_rome']);
    // Every argument string a strict provider parses is JSON.
    for (const call of calls) expect(() => JSON.parse(call.function.arguments)).not.toThrow();
    const answered = followUp.filter((message) => message.role === 'tool');
    expect(answered.map((message) => message.tool_call_id).sort()).toEqual([
      'call_broken',
      'call_rome',
    ]);
    expect(answerText(stream)).toBe(ANSWER);
  });
});
