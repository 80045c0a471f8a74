import request from 'supertest';
import { MCP_SESSION_END_TIMEOUT_MS } from '../src/tools/mcp/mcp-session.end.js';
import { McpSessionServer } from './fixtures/mcp-session.server.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { mcpPayload } from './support/mcp-payloads.js';
import { eventually } from './support/eventually.js';
import { type ReceivedStream, postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

const TOKEN = 'mcp-session-token-0123456789';

/**
 * The MCP session lifecycle against a server that keeps sessions until told (built on the
 * official SDK, test/fixtures/mcp-session.server.ts): every session a run opens is ended with
 * the Streamable HTTP spec's DELETE, and requests in flight when a run stops are cancelled
 * with `notifications/cancelled` before that.
 */
describe('MCP session lifecycle', () => {
  let harness: AgentHarness;
  let mcp: McpSessionServer;
  beforeAll(async () => {
    harness = await startAgentHarness({ env: { RUN_TIMEOUT_SECONDS: '2' } });
    mcp = await new McpSessionServer().start();
  });
  afterAll(async () => {
    await harness.close();
    await mcp.stop();
  });
  beforeEach(() => {
    mcp.events.length = 0;
    mcp.cancellations.length = 0;
    mcp.requiredAuthorization = undefined;
    mcp.hangOnDelete = false;
    harness.resetRecordings();
  });

  const sessionPayload = (calls: unknown[], token = TOKEN) =>
    mcpPayload({
      modelBaseUrl: harness.model.baseUrl,
      mcpUrl: mcp.url,
      calls,
      token,
      executionConfig: { allowed_tools: ['add', 'slow'] },
    });

  /** A run that calls the never-answering `slow` tool, stopped by `stop` once it started. */
  function stoppedRun(stop: 'cancel' | 'disconnect' | 'timeout'): Promise<ReceivedStream> {
    return postRun(harness.runUrl, sessionPayload([{ name: 'calc__slow', args: {} }]), {
      onEvent: (event, controller) => {
        if (event.event !== 'tool_start') return;
        if (stop === 'disconnect') setTimeout(() => controller.abort(), 50);
        if (stop === 'cancel')
          void request(harness.service.baseUrl).post(`/v1/runs/${event.data.run_id}/cancel`).then();
      },
    });
  }

  it('0 sessions open after 50 runs, 10 of them cancelled mid-call', async () => {
    const runs: Promise<ReceivedStream>[] = [];
    for (let index = 0; index < 50; index += 1) {
      runs.push(
        index % 5 === 4
          ? stoppedRun('cancel')
          : postRun(
              harness.runUrl,
              sessionPayload([{ name: 'calc__add', args: { a: index, b: 1 } }]),
            ),
      );
      if (runs.length % 10 === 0) await Promise.all(runs.slice(-10));
    }
    const streams = await Promise.all(runs);
    for (const stream of streams) expectWellFormedStream(stream);
    const finishes = streams.map((stream) => stream.events.at(-1)?.data.finish_reason);
    expect(finishes.filter((reason) => reason === 'cancelled')).toHaveLength(10);
    await eventually(async () => mcp.openSessions === 0);
    expect(mcp.events.filter((event) => event === 'opened')).toHaveLength(50);
    expect(mcp.events.filter((event) => event === 'deleted')).toHaveLength(50);
  }, 60_000);

  it.each(['cancel', 'disconnect', 'timeout'] as const)(
    'on %s, the call in flight is cancelled before the session is deleted',
    async (stop) => {
      const stream = await stoppedRun(stop);
      if (stop !== 'disconnect') expectWellFormedStream(stream);
      await eventually(async () => mcp.events.includes('deleted'), 5_000);
      expect(mcp.events).toEqual(['opened', 'cancelled', 'deleted']);
      expect(mcp.cancellations).toEqual([
        { requestId: expect.anything(), reason: expect.any(String) },
      ]);
      expect(mcp.openSessions).toBe(0);
    },
    10_000,
  );

  it('a server that never answers the DELETE is let go after MCP_SESSION_END_TIMEOUT_MS', async () => {
    mcp.hangOnDelete = true;
    const closed = new Promise<number>((resolve) => mcp.once('delete-closed', resolve));
    const stream = await postRun(
      harness.runUrl,
      sessionPayload([{ name: 'calc__add', args: { a: 1, b: 2 } }]),
    );
    const doneAt = Date.now();
    expectWellFormedStream(stream);
    expect((await closed) - doneAt).toBeLessThan(MCP_SESSION_END_TIMEOUT_MS + 1000);
  });

  it('a 401 while listing says authentication failed; the run does not start', async () => {
    mcp.requiredAuthorization = `Bearer ${TOKEN}`;
    const response = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(sessionPayload([], 'a-wrong-token-9876543210'))
      .expect(502);
    expect(response.body.error).toMatchObject({
      code: 'tool_unavailable',
      details: [
        {
          path: 'runtime_config.tools[0].execution_config.url',
          message: 'the MCP server could not be listed: authentication failed (HTTP 401)',
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('a-wrong-token');
    expect(harness.model.requests).toHaveLength(0);
  });
});
