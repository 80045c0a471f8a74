import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import { echoHandler } from './fixtures/plugin-stub.server.js';
import { postRun, type ReceivedStream } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

const VAULT_VALUE = 'vault-SECRET-5f2e9a1c';

describe('HTTP plugins', () => {
  let harness: AgentHarness;
  beforeAll(async () => {
    harness = await startAgentHarness({ env: { HTTP_TOOL_TIMEOUT: '2' } });
    harness.plugin.handle('GET', '/echo/fixed', echoHandler);
    for (const method of ['GET', 'DELETE', 'POST', 'PUT', 'PATCH'])
      harness.plugin.handle(method, '/echo', echoHandler);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  /** One run of the agent with a single HTTP tool `plugin` called once with `args`. */
  function runPlugin(
    execution: Record<string, unknown>,
    args: Record<string, unknown>,
    schema?: unknown,
  ) {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([{ name: 'plugin', args }]),
      tools: [
        {
          type: 'HTTP',
          name: 'plugin',
          parameter_schema: schema ?? { type: 'object' },
          execution_config: {
            ...execution,
            url: `${harness.plugin.origin}${execution.url as string}`,
          },
        },
      ],
    });
    payload.runtime_config.vault = { key: VAULT_VALUE };
    return postRun(harness.runUrl, payload);
  }

  const toolResult = (stream: ReceivedStream) => {
    expectWellFormedStream(stream);
    const results = stream.events.filter((event) => event.event === 'tool_result');
    expect(results).toHaveLength(1);
    return results[0].data as Record<string, any>;
  };

  it('puts vault values in a header, a query value and a path segment, and masks them everywhere after', async () => {
    harness.plugin.handle('GET', `/echo/${VAULT_VALUE}`, echoHandler);
    const stream = await runPlugin(
      {
        url: '/echo/{{vault.key}}',
        headers: { 'X-Api-Key': '{{vault.key}}' },
        query: { token: 'k={{vault.key}}' },
      },
      { city: 'Paris' },
    );
    const [request] = harness.plugin.requests;
    expect(request.path).toBe(`/echo/${VAULT_VALUE}`);
    expect(request.headers['x-api-key']).toBe(VAULT_VALUE);
    expect(request.query).toEqual({ token: `k=${VAULT_VALUE}`, city: 'Paris' });
    const result = toolResult(stream);
    expect(result.status).toBe('success');
    expect(result.result.headers['x-api-key']).toBe('***');
    const frames = JSON.stringify(stream.events);
    expect(frames).not.toContain(VAULT_VALUE);
    expect(harness.service.logs.text).not.toContain(VAULT_VALUE);
    // The model saw the masked result too.
    expect(JSON.stringify(harness.model.requests[1].body.messages)).not.toContain(VAULT_VALUE);
  });

  it.each([
    ['GET', 'query'],
    ['DELETE', 'query'],
    ['POST', 'body'],
    ['PUT', 'body'],
    ['PATCH', 'body'],
  ])('%s sends unconsumed arguments in the %s', async (method, place) => {
    const stream = await runPlugin({ url: '/echo', method }, { city: 'Rome', days: 2 });
    expect(toolResult(stream).status).toBe('success');
    const [request] = harness.plugin.requests;
    expect(request.method).toBe(method);
    if (place === 'query') {
      expect(request.query).toEqual({ city: 'Rome', days: '2' });
      expect(request.body).toBe('');
    } else {
      expect(request.query).toEqual({});
      expect(JSON.parse(request.body)).toEqual({ city: 'Rome', days: 2 });
      expect(request.headers['content-type']).toBe('application/json');
    }
  });

  it('renders a templated body, keeping argument types', async () => {
    const body = {
      query: { city: '{{args.city}}', days: '{{args.days}}' },
      note: 'for {{args.city}}',
    };
    await runPlugin({ url: '/echo', method: 'POST', body }, { city: 'Oslo', days: 3 });
    expect(JSON.parse(harness.plugin.requests[0].body)).toEqual({
      query: { city: 'Oslo', days: 3 },
      note: 'for Oslo',
    });
  });

  it('turns a timeout into a tool error and the run completes', async () => {
    harness.plugin.handle('GET', '/hang', () => undefined);
    const stream = await runPlugin({ url: '/hang', timeout_ms: 300 }, {});
    expect(toolResult(stream).error).toEqual({
      code: 'timeout',
      message: 'The plugin did not answer within 300 ms',
    });
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
  });

  it('cuts an oversized answer with a visible marker', async () => {
    harness.plugin.handle('GET', '/big', (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(10_000));
    });
    const result = toolResult(await runPlugin({ url: '/big', max_response_bytes: 1000 }, {}));
    expect(result.result).toBe(`${'x'.repeat(1000)}…[truncated]`);
  });

  it('summarises a binary answer by type and size', async () => {
    harness.plugin.handle('GET', '/image', (_request, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '2048' });
      res.end(Buffer.alloc(2048, 1));
    });
    expect(toolResult(await runPlugin({ url: '/image' }, {})).result).toEqual({
      binary: true,
      content_type: 'image/png',
      bytes: 2048,
    });
  });

  it('reports a non-2xx answer with its status and a cut body', async () => {
    harness.plugin.handle('GET', '/teapot', (_request, res) => {
      res.writeHead(418, { 'content-type': 'text/plain' });
      res.end(`short and stout ${'!'.repeat(1000)}`);
    });
    const error = toolResult(await runPlugin({ url: '/teapot' }, {})).error;
    expect(error.code).toBe('http_error');
    expect(error.message).toMatch(
      /^The plugin answered HTTP 418: short and stout !+…\[truncated\]$/,
    );
    expect(error.message.length).toBeLessThan(600);
  });

  it('sends invalid arguments back to the model as a tool error with the schema reasons', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const stream = await runPlugin({ url: '/echo' }, { city: 42 }, schema);
    const result = toolResult(stream);
    expect(result.error.code).toBe('invalid_arguments');
    expect(result.error.message).toContain('arguments/city must be string');
    expect(harness.plugin.requests).toHaveLength(0);
    const toolMessage = harness.model.requests[1].body.messages.at(-1);
    expect(toolMessage?.content).toContain('arguments/city must be string');
  });

  it('stops after 3 redirects', async () => {
    harness.plugin.handle('GET', '/loop', (_request, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    });
    const result = toolResult(await runPlugin({ url: '/loop' }, {}));
    expect(result.error).toEqual({
      code: 'http_error',
      message: 'The plugin redirected more than 3 times',
    });
    expect(harness.plugin.requests).toHaveLength(4);
  });

  it('follows a redirect within the allowed hosts', async () => {
    harness.plugin.handle('GET', '/moved', (_request, res) => {
      res.writeHead(301, { location: '/v1/query?city=Kyoto' });
      res.end();
    });
    expect(toolResult(await runPlugin({ url: '/moved' }, {})).result).toMatchObject({
      city: 'Kyoto',
    });
  });
});
