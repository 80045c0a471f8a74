import { examplePayload } from './support/agent-payloads.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import {
  answerText,
  expectUsageOfEveryCall,
  expectWellFormedStream,
} from './support/stream-assertions.js';

describe('agent_chat end to end (model and plugin on loopback)', () => {
  let harness: AgentHarness;
  let model: AgentHarness['model'];
  let plugin: AgentHarness['plugin'];
  let url: string;

  beforeAll(async () => {
    harness = await startAgentHarness({ env: { MAX_ITERATIONS: '3' } });
    ({ model, plugin, runUrl: url } = harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  it('runs the original example: weather tool call, streamed answer, summed usage', async () => {
    const answer = 'It is sunny and 21 degrees in Paris today.';
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: `tool?text=${encodeURIComponent(answer)}&chunks=5`,
      pluginOrigin: plugin.origin,
    });
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    const types = stream.events.map((event) => event.event);
    expect(types.slice(0, 2)).toEqual(['tool_start', 'tool_result']);
    expect(types.filter((type) => type === 'message_chunk').length).toBeGreaterThan(1);
    const [start, result] = stream.events;
    expect(start.data).toMatchObject({
      tool_name: 'weather',
      tool_type: 'HTTP',
      arguments: { city: 'Paris' },
    });
    expect(result.data).toMatchObject({
      tool_call_id: start.data.tool_call_id,
      tool_name: 'weather',
      status: 'success',
      result: { city: 'Paris', temperature_c: 21, condition: 'sunny' },
      duration_ms: expect.any(Number),
    });
    expect(plugin.requests).toHaveLength(1);
    expect(plugin.requests[0].query).toEqual({ city: 'Paris' });
    expect(answerText(stream)).toBe(answer);

    expect(model.requests).toHaveLength(2);
    const toolMessage = model.requests[1].body.messages.at(-1);
    expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: start.data.tool_call_id });
    expect(JSON.parse(toolMessage?.content as string)).toEqual(result.data.result);

    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
    expectUsageOfEveryCall(stream, model.requests);
  });

  it('sends X-Trace-Id, user, temperature, max_tokens and streaming usage upstream', async () => {
    const payload = examplePayload({ modelBaseUrl: model.baseUrl, modelName: 'text' });
    payload.runtime_config.model.temperature = 0.3;
    payload.runtime_config.model.max_tokens = 123;
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    const [request] = model.requests;
    expect(request.headers['x-trace-id']).toBe('trace-123456');
    expect(request.headers.authorization).toBe('Bearer sk-xxx');
    expect(request.body).toMatchObject({
      model: 'text',
      user: 'user-001',
      temperature: 0.3,
      max_tokens: 123,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(request.body.tools?.map((tool) => tool.function.name)).toEqual(['weather']);
  });

  it('keeps X-Trace-Id and user per run although runs share the model client', async () => {
    const runs = ['a', 'b'].map((suffix) => {
      const payload = examplePayload({ modelBaseUrl: model.baseUrl, modelName: 'text' });
      payload.task_meta = {
        workflow_id: 'agent_chat',
        trace_id: `trace-${suffix}`,
        user_id: `user-${suffix}`,
      };
      return postRun(url, payload);
    });
    for (const stream of await Promise.all(runs)) expectWellFormedStream(stream);
    const seen = model.requests
      .map((request) => `${request.headers['x-trace-id']}/${request.body.user}`)
      .sort();
    expect(seen).toEqual(['trace-a/user-a', 'trace-b/user-b']);
  });

  it('puts input.variables.system_prompt first, with {{name}} taken from the variables', async () => {
    const payload = examplePayload({ modelBaseUrl: model.baseUrl, modelName: 'text' });
    payload.input.variables = {
      system_prompt: 'You help {{name}} in {{city}}; keep {{unknown}}.',
      name: 'Ada',
      city: 'Lyon',
    };
    expectWellFormedStream(await postRun(url, payload));
    expect(model.requests[0].body.messages.slice(0, 2)).toEqual([
      { role: 'system', content: 'You help Ada in Lyon; keep {{unknown}}.' },
      { role: 'user', content: 'Hello, please introduce yourself' },
    ]);
  });

  it('runs parallel tool calls concurrently; a failing one does not stop its sibling', async () => {
    plugin.handle('GET', '/v1/broken', (_request, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('plugin exploded');
    });
    const calls = [
      { name: 'weather', args: { city: 'Oslo' } },
      { name: 'broken', args: {} },
    ];
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: toolCallsScenario(calls),
      pluginOrigin: plugin.origin,
    });
    payload.runtime_config.tools.push({
      type: 'HTTP',
      name: 'broken',
      description: 'always fails',
      parameter_schema: { type: 'object', properties: {} },
      execution_config: { url: `${plugin.origin}/v1/broken`, method: 'GET' },
    });
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    const results = stream.events.filter((event) => event.event === 'tool_result');
    expect(results.map((event) => [event.data.tool_name, event.data.status]).sort()).toEqual([
      ['broken', 'error'],
      ['weather', 'success'],
    ]);
    const broken = results.find((event) => event.data.tool_name === 'broken');
    expect(broken?.data.error).toEqual({
      code: 'http_error',
      message: 'The plugin answered HTTP 500: plugin exploded',
    });
    // Both starts precede both results: the calls ran side by side.
    const types = stream.events.map((event) => event.event);
    expect(types.slice(0, 4)).toEqual(['tool_start', 'tool_start', 'tool_result', 'tool_result']);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
  });

  it('passes reasoning deltas through as tool_thinking, for both provider field names', async () => {
    for (const field of ['reasoning_content', 'reasoning']) {
      const payload = examplePayload({
        modelBaseUrl: model.baseUrl,
        modelName: `reasoning?field=${field}`,
      });
      const stream = await postRun(url, payload);
      expectWellFormedStream(stream);
      const thinking = stream.events.filter((event) => event.event === 'tool_thinking');
      expect(thinking.map((event) => event.data.content).join('')).toBe('Let me think about this.');
      expect(answerText(stream)).toBe('Hello from the test model.');
    }
  });

  it('passes finish_reason length through', async () => {
    const stream = await postRun(
      url,
      examplePayload({ modelBaseUrl: model.baseUrl, modelName: 'length' }),
    );
    expectWellFormedStream(stream);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('length');
  });

  it('stops a model that calls tools forever at MAX_ITERATIONS', async () => {
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: 'forever',
      pluginOrigin: plugin.origin,
    });
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    expect(model.requests).toHaveLength(3);
    expect(stream.events.filter((event) => event.event === 'tool_result')).toHaveLength(3);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('max_iterations');
  });

  it('sends each token as it arrives, never holding the answer until the model is done', async () => {
    // The test model sends four chunks 300 ms apart: the first must reach the client long
    // before the last is written.
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: 'text?text=one two three four&chunks=4&delay_ms=300',
    });
    const arrivals: Record<string, number[]> = {};
    const stream = await postRun(url, payload, {
      onEvent: (event) => (arrivals[event.event ?? ''] ??= []).push(Date.now()),
    });
    expectWellFormedStream(stream);
    expect(arrivals.message_chunk).toHaveLength(4);
    const [first] = arrivals.message_chunk;
    expect(arrivals.done[0] - first).toBeGreaterThanOrEqual(600);
  });
});
