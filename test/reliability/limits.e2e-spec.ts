import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from '../support/agent-harness.js';
import { examplePayload } from '../support/agent-payloads.js';
import { echoPayload } from '../support/payloads.js';
import { postRun } from '../support/sse-client.js';
import { answerText, expectWellFormedStream } from '../support/stream-assertions.js';

async function activeRuns(baseUrl: string): Promise<number> {
  return (await request(baseUrl).get('/health')).body.active_runs as number;
}

describe('limits', () => {
  describe('MAX_CONCURRENT_RUNS=5', () => {
    let harness: AgentHarness;
    beforeAll(
      async () => (harness = await startAgentHarness({ env: { MAX_CONCURRENT_RUNS: '5' } })),
    );
    afterAll(() => harness.close());

    it('answers the sixth concurrent run 429 with Retry-After; the five others are unaffected', async () => {
      const slow = echoPayload('one two three four', { echo_delay_ms: 150 });
      const running = Array.from({ length: 5 }, () => postRun(harness.runUrl, slow));
      await sleep(100);
      const refused = await request(harness.service.baseUrl)
        .post('/v1/run_workflow')
        .send(slow)
        .expect(429);
      expect(refused.body.error.code).toBe('too_many_runs');
      expect(refused.body.error.message).toContain('MAX_CONCURRENT_RUNS');
      expect(refused.headers['retry-after']).toBe('1');
      for (const stream of await Promise.all(running)) {
        expectWellFormedStream(stream);
        expect(answerText(stream)).toBe('one two three four');
      }
      expect(await activeRuns(harness.service.baseUrl)).toBe(0);
      expectWellFormedStream(await postRun(harness.runUrl, slow));
    });
  });

  describe('RUN_TIMEOUT_SECONDS=1', () => {
    let harness: AgentHarness;
    beforeAll(
      async () => (harness = await startAgentHarness({ env: { RUN_TIMEOUT_SECONDS: '1' } })),
    );
    afterAll(() => harness.close());

    it('stops the run: the in-flight tool gets its result, then error run_timeout and done timeout', async () => {
      harness.plugin.handle('GET', '/hang', () => undefined);
      const payload = examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: toolCallsScenario([{ name: 'hang', args: {} }]),
        tools: [
          {
            type: 'HTTP',
            name: 'hang',
            execution_config: { url: `${harness.plugin.origin}/hang` },
          },
        ],
      });
      const stream = await postRun(harness.runUrl, payload);
      expectWellFormedStream(stream);
      expect(stream.events.map((event) => event.event)).toEqual([
        'tool_start',
        'tool_result',
        'error',
        'done',
      ]);
      expect(stream.events[1].data).toMatchObject({ status: 'error', error: { code: 'timeout' } });
      expect(stream.events[2].data).toMatchObject({ code: 'run_timeout', retryable: false });
      expect(stream.events[3].data.finish_reason).toBe('timeout');
    });
  });

  describe('payload counts', () => {
    let harness: AgentHarness;
    beforeAll(async () => {
      harness = await startAgentHarness({
        env: { MAX_MESSAGES: '2', MAX_TOOLS: '1', MAX_VAULT_ENTRIES: '1' },
      });
    });
    afterAll(() => harness.close());

    it('refuses too many messages, tools and vault entries, naming each limit', async () => {
      const payload = examplePayload({ modelBaseUrl: harness.model.baseUrl });
      payload.input.messages = [1, 2, 3].map((index) => ({ role: 'user', content: `m${index}` }));
      payload.runtime_config.tools.push({ type: 'NATIVE', name: 'current_time' });
      payload.runtime_config.vault = { a: 'x', b: 'y' };
      const response = await request(harness.service.baseUrl)
        .post('/v1/run_workflow')
        .send(payload)
        .expect(400);
      expect(response.body.error.code).toBe('invalid_payload');
      expect(response.body.error.details).toEqual([
        { path: 'input.messages', message: 'at most 2 messages are accepted (MAX_MESSAGES)' },
        { path: 'runtime_config.tools', message: 'at most 1 tools are accepted (MAX_TOOLS)' },
        {
          path: 'runtime_config.vault',
          message: 'at most 1 vault entries are accepted (MAX_VAULT_ENTRIES)',
        },
      ]);
    });

    it('refuses JSON nested deeper than 64 levels', async () => {
      const payload = echoPayload('hi');
      let nested: Record<string, unknown> = {};
      (payload.input as Record<string, unknown>).variables = nested;
      for (let depth = 0; depth < 100; depth += 1) nested = nested.deeper = {};
      const response = await request(harness.service.baseUrl)
        .post('/v1/run_workflow')
        .send(payload)
        .expect(400);
      expect(response.body.error.details[0].message).toContain('64 levels');
    });
  });

  describe('SSE_WRITE_TIMEOUT_SECONDS=2 and a client that stops reading', () => {
    let harness: AgentHarness;
    // 2 s, not 1: the clock starts at the first frame left untaken, and on a loaded machine
    // the client may take that long to pause after its response arrived.
    beforeAll(
      async () => (harness = await startAgentHarness({ env: { SSE_WRITE_TIMEOUT_SECONDS: '2' } })),
    );
    afterAll(() => harness.close());

    it('pauses the run while the socket is full, then ends it', async () => {
      // ~170 bytes of frame per one-letter word: far more than the socket buffers hold.
      const body = JSON.stringify(echoPayload('a '.repeat(200_000)));
      const { port } = new URL(harness.service.baseUrl);
      const client = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/v1/run_workflow',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      const response = await new Promise<import('node:http').IncomingMessage>((resolve) => {
        client.on('response', resolve);
        client.end(body);
      });
      expect(response.statusCode).toBe(200);
      try {
        response.pause(); // read nothing more
        await sleep(300);
        expect(await activeRuns(harness.service.baseUrl)).toBe(1);
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline && (await activeRuns(harness.service.baseUrl)) > 0)
          await sleep(100);
        expect(await activeRuns(harness.service.baseUrl)).toBe(0);
        expect(harness.service.logs.text).toContain('client stopped reading');
      } finally {
        response.destroy();
      }
    });
  });
});
