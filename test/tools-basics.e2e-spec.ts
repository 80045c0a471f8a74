import request from 'supertest';
import { examplePayload } from './support/agent-payloads.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

describe('tools: native current_time, HTTP templates, invalid_tool', () => {
  let harness: AgentHarness;
  let service: AgentHarness['service'];
  let model: AgentHarness['model'];
  let plugin: AgentHarness['plugin'];
  let url: string;

  beforeAll(async () => {
    harness = await startAgentHarness();
    ({ service, model, plugin, runUrl: url } = harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  it('lists native tools with their schema on GET /', async () => {
    const response = await request(service.baseUrl).get('/').expect(200);
    expect(response.body.native_tools).toContainEqual({
      name: 'current_time',
      description: expect.any(String),
      parameter_schema: expect.objectContaining({ type: 'object' }),
    });
  });

  it('runs current_time through a full agent run, and reports a bad time zone as a tool error', async () => {
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: toolCallsScenario([
        { name: 'current_time', args: { timezone: 'Asia/Shanghai' } },
        { name: 'current_time', args: { timezone: 'Mars/Olympus' } },
      ]),
      tools: [{ type: 'NATIVE', name: 'current_time' }],
    });
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    const results = stream.events.filter((event) => event.event === 'tool_result');
    const ok = results.find((event) => event.data.status === 'success');
    expect(ok?.data.result).toMatchObject({ timezone: 'Asia/Shanghai', utc_offset: '+08:00' });
    expect((ok?.data.result as { local_time: string }).local_time).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    const bad = results.find((event) => event.data.status === 'error');
    expect(bad?.data.error).toEqual({
      code: 'invalid_arguments',
      message: 'Unknown IANA time zone: Mars/Olympus',
    });
    expect(
      stream.events
        .filter((event) => event.event === 'tool_start')
        .map((event) => event.data.tool_type),
    ).toEqual(['NATIVE', 'NATIVE']);
  });

  it('renders vault and argument templates into path, header and query; POST arguments go to the body', async () => {
    plugin.handle('POST', '/v2/cities/Lyon/report', (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: toolCallsScenario([
        { name: 'report', args: { city: 'Lyon', days: 3, detail: 'full' } },
      ]),
      tools: [
        {
          type: 'HTTP',
          name: 'report',
          parameter_schema: { type: 'object', properties: { city: { type: 'string' } } },
          execution_config: {
            url: `${plugin.origin}/v2/cities/{{args.city}}/report`,
            method: 'POST',
            headers: { Authorization: 'Bearer {{vault.token}}' },
            query: { key: '{{vault.token}}' },
            body: { days: '{{args.days}}', source: 'execution-plane' },
          },
        },
      ],
    });
    payload.runtime_config.vault = { token: 'vault-token-value' };
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    expect(plugin.requests).toHaveLength(1);
    const [call] = plugin.requests;
    expect(call.headers.authorization).toBe('Bearer vault-token-value');
    expect(call.query).toEqual({ key: 'vault-token-value' });
    expect(JSON.parse(call.body)).toEqual({ days: 3, source: 'execution-plane', detail: 'full' });
  });

  it.each<[string, unknown[], string]>([
    [
      'an unknown native tool',
      [{ type: 'NATIVE', name: 'teleport' }],
      'runtime_config.tools[0].name',
    ],
    [
      'an unknown vault key',
      [{ type: 'HTTP', name: 'w', execution_config: { url: 'https://x.test/{{vault.nope}}' } }],
      'runtime_config.tools[0].execution_config',
    ],
    [
      'a duplicate name',
      [
        { type: 'NATIVE', name: 'current_time' },
        { type: 'NATIVE', name: 'current_time' },
      ],
      'runtime_config.tools[1].name',
    ],
    ...[
      'ftp://x.test/a',
      'file:///etc/passwd',
      'data:text/plain,hi',
      'https://user:pw@api.test/q',
    ].map((url): [string, unknown[], string] => [
      `the URL ${url}`,
      [{ type: 'HTTP', name: 'f', execution_config: { url } }],
      'runtime_config.tools[0].execution_config.url',
    ]),
  ])('refuses %s with 400 invalid_tool before the stream', async (_case, tools, path) => {
    const payload = examplePayload({ modelBaseUrl: model.baseUrl, tools });
    const response = await request(service.baseUrl)
      .post('/v1/run_workflow')
      .send(payload)
      .expect(400);
    expect(response.body.error.code).toBe('invalid_tool');
    expect(response.body.error.details.map((issue: { path: string }) => issue.path)).toContain(
      path,
    );
    expect(JSON.stringify(response.body)).not.toContain(':pw@');
  });
});
