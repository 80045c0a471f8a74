import request from 'supertest';
import { freePort } from './fixtures/net.js';
import { McpTestServer } from './fixtures/mcp-test.server.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import { mcpPayload } from './support/mcp-payloads.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

const TOKEN = 'mcp-secret-token-0123456789';

describe('MCP servers as tools', () => {
  let harness: AgentHarness;
  let mcp: McpTestServer;
  beforeAll(async () => {
    harness = await startAgentHarness({
      env: { APPROVAL_SIGNING_KEYS: 'mcp-approval-key-0123456789abcdef0123' },
    });
    mcp = await new McpTestServer().start();
  });
  afterAll(async () => {
    await harness.close();
    await mcp.stop();
  });

  /** A run whose model calls `calls` on the `calc` MCP tool. */
  const mcpRun = (calls: unknown[], executionConfig: Record<string, unknown> = {}) =>
    mcpPayload({
      modelBaseUrl: harness.model.baseUrl,
      mcpUrl: mcp.url,
      calls,
      token: TOKEN,
      executionConfig: {
        allowed_tools: ['add', 'forecast', 'whoami', 'fail', 'slow', 'huge'],
        ...executionConfig,
      },
    });

  it('lists the server tools under prefixed names and calls them, secrets masked', async () => {
    harness.resetRecordings();
    const stream = await postRun(
      harness.runUrl,
      mcpRun(
        [
          { name: 'calc__add', args: { a: 2, b: 3 } },
          { name: 'calc__forecast', args: { city: 'Paris' } },
          { name: 'calc__whoami', args: {} },
        ],
        { allowed_tools: ['add', 'forecast', 'whoami'] },
      ),
    );
    expectWellFormedStream(stream);
    const offered = harness.model.requests[0].body.tools?.map((tool: any) => tool.function.name);
    expect(offered).toEqual(['calc__add', 'calc__forecast', 'calc__whoami']);
    const starts = stream.events.filter((event) => event.event === 'tool_start');
    expect(starts.map((event) => event.data.tool_type)).toEqual(['MCP', 'MCP', 'MCP']);
    const results = Object.fromEntries(
      stream.events
        .filter((event) => event.event === 'tool_result')
        .map((event) => [event.data.tool_name, event.data.result]),
    );
    expect(results).toEqual({
      calc__add: '5',
      calc__forecast: { city: 'Paris', temperature_c: 21 },
      calc__whoami: 'auth=Bearer ***',
    });
    expect(mcp.authorizations).toContain(`Bearer ${TOKEN}`);
    expect(JSON.stringify(stream.events)).not.toContain(TOKEN);
    // The model saw the masked answer too.
    expect(JSON.stringify(harness.model.requests.at(-1)?.body)).not.toContain(TOKEN);
  });

  it('approval_required_tools: the listed server tool waits, the others run', async () => {
    harness.resetRecordings();
    const stream = await postRun(
      harness.runUrl,
      mcpRun(
        [
          { name: 'calc__add', args: { a: 2, b: 3 } },
          { name: 'calc__forecast', args: { city: 'Paris' } },
        ],
        { allowed_tools: ['add', 'forecast'], approval_required_tools: ['add'] },
      ),
    );
    expectWellFormedStream(stream);
    const results = stream.events.filter((event) => event.event === 'tool_result');
    expect(results.map((event) => event.data.tool_name)).toEqual(['calc__forecast']);
    const waiting = stream.events.filter((event) => event.event === 'tool_approval_required');
    expect(waiting.map((event) => [event.data.tool_name, event.data.tool_type])).toEqual([
      ['calc__add', 'MCP'],
    ]);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('approval_required');
    const refused = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(mcpRun([], { allowed_tools: ['add'], approval_required_tools: ['forecast'] }))
      .expect(400);
    expect(refused.body.error.details).toEqual([
      {
        path: 'runtime_config.tools[0].execution_config.approval_required_tools',
        message: 'approval_required_tools names tools the server does not offer: forecast',
      },
    ]);
  });

  it("reports a tool's own error and arguments that break its schema to the model", async () => {
    const stream = await postRun(
      harness.runUrl,
      mcpRun([
        { name: 'calc__fail', args: {} },
        { name: 'calc__add', args: { a: 'two' } },
      ]),
    );
    expectWellFormedStream(stream);
    const errors = stream.events
      .filter((event) => event.event === 'tool_result')
      .map((event) => event.data.error);
    // The calls run in parallel: the schema check answers first.
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining([
        { code: 'execution_failed', message: 'The MCP tool reported an error: "it broke"' },
        expect.objectContaining({ code: 'invalid_arguments' }),
      ]),
    );
  });

  it('cuts an answer larger than max_response_bytes off, as for HTTP plugins', async () => {
    const stream = await postRun(
      harness.runUrl,
      mcpRun([{ name: 'calc__huge', args: {} }], { max_response_bytes: 10_000 }),
    );
    expectWellFormedStream(stream);
    expect(stream.events.find((event) => event.event === 'tool_result')?.data.error).toEqual({
      code: 'execution_failed',
      message: "The tool failed: the MCP server's answer exceeded 10000 bytes",
    });
  });

  it('cancel during a slow MCP call closes its connection within a second', async () => {
    const closed = new Promise<number>((resolve) => mcp.once('call-closed', resolve));
    let cancelledAt = 0;
    const stream = await postRun(harness.runUrl, mcpRun([{ name: 'calc__slow', args: {} }]), {
      onEvent: (event) => {
        if (event.event !== 'tool_start') return;
        setTimeout(() => {
          cancelledAt = Date.now();
          void request(harness.service.baseUrl).post(`/v1/runs/${event.data.run_id}/cancel`).then();
        }, 100);
      },
    });
    expect((await closed) - cancelledAt).toBeLessThan(1000);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('cancelled');
    expect(stream.events.find((event) => event.event === 'tool_result')?.data.error).toMatchObject({
      code: 'cancelled',
    });
  });

  it('refuses an unreachable server (502), unknown allowed_tools and misplaced fields (400)', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}/mcp`;
    const down = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(mcpRun([], { url: unreachable }))
      .expect(502);
    expect(down.body.error).toMatchObject({
      code: 'tool_unavailable',
      details: [
        {
          path: 'runtime_config.tools[0].execution_config.url',
          message: 'the MCP server could not be listed: it could not be reached',
        },
      ],
    });
    const unknown = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(mcpRun([], { allowed_tools: ['add', 'rm_rf'] }))
      .expect(400);
    expect(unknown.body.error.details[0]).toEqual({
      path: 'runtime_config.tools[0].execution_config.allowed_tools',
      message: 'allowed_tools names tools the server does not list: rm_rf',
    });
    const misplaced = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(mcpRun([], { method: 'POST' }))
      .expect(400);
    expect(misplaced.body.error.details[0]).toEqual({
      path: 'runtime_config.tools[0].execution_config.method',
      message: 'method is not used by MCP tools',
    });
  });
});

describe('MCP servers and the network policy', () => {
  let harness: AgentHarness;
  let mcp: McpTestServer;
  beforeAll(async () => {
    // No allow-list: loopback is a private destination like any other.
    harness = await startAgentHarness({ env: { HTTP_TOOL_ALLOWED_HOSTS: '' } });
    mcp = await new McpTestServer().start();
  });
  afterAll(async () => {
    await harness.close();
    await mcp.stop();
  });

  it('refuses a server on a private address before the stream starts', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      tools: [{ type: 'MCP', name: 'calc', execution_config: { url: mcp.url } }],
    });
    const response = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(payload)
      .expect(502);
    expect(response.body.error.details[0].message).toBe(
      'the MCP server could not be listed: its address is not allowed by the network policy',
    );
    expect(mcp.authorizations).toHaveLength(0);
  });
});
