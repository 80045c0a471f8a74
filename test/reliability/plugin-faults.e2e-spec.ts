import type { ServerResponse } from 'node:http';
import type { PluginHandler } from '../fixtures/plugin-stub.server.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from '../support/agent-harness.js';
import { examplePayload } from '../support/agent-payloads.js';
import { postRun } from '../support/sse-client.js';
import { answerText, expectWellFormedStream } from '../support/stream-assertions.js';

const TEN_MB = 10 * 1024 * 1024;

function drip(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const timer = setInterval(() => res.write('.'), 50);
  res.on('close', () => clearInterval(timer));
}

const faults: [string, PluginHandler, (result: Record<string, any>) => void][] = [
  [
    'hangs past its timeout',
    () => undefined,
    (result) => expect(result.error.code).toBe('timeout'),
  ],
  [
    'answers 500',
    (_request, res) => res.writeHead(500).end('boom'),
    (result) => expect(result.error).toMatchObject({ code: 'http_error' }),
  ],
  [
    'answers 10 MB',
    (_request, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('y'.repeat(TEN_MB)),
    (result) => {
      expect(result.status).toBe('success');
      // The model got the first MAX_TOOL_RESPONSE_BYTES; the event shows the first 16 KiB of that.
      expect(String(result.result)).toMatch(/^y+…\[truncated \d+ chars\]$/);
    },
  ],
  [
    'drips its answer slowly',
    (_request, res) => drip(res),
    (result) => expect(result.error.code).toBe('timeout'),
  ],
  [
    'resets the connection',
    (_request, res) => res.socket?.destroy(),
    (result) => expect(result.error.code).toBe('execution_failed'),
  ],
  [
    'redirects in a loop',
    (_request, res) => res.writeHead(302, { location: '/fault' }).end(),
    (result) => expect(result.error.code).toBe('http_error'),
  ],
];

describe('plugin faults: the run continues with a tool error and completes', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());

  it.each(faults)('a plugin that %s', async (_name, handler, check) => {
    harness.plugin.handle('GET', '/fault', handler);
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([{ name: 'faulty', args: {} }]) + '&text=Recovered',
      tools: [
        {
          type: 'HTTP',
          name: 'faulty',
          execution_config: { url: `${harness.plugin.origin}/fault`, timeout_ms: 500 },
        },
      ],
    });
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    const result = stream.events.find((event) => event.event === 'tool_result')?.data as Record<
      string,
      any
    >;
    check(result);
    expect(JSON.stringify(result).length).toBeLessThan(300 * 1024);
    expect(answerText(stream)).toBe('Recovered');
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
  });
});
