import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  closeServer,
  listenOnLoopback,
  loopbackOrigin,
} from '../../test/fixtures/loopback-server.js';
import { createModelTransport, type ModelRequest, type ModelTransport } from './model-transport.js';
import { ModelTimeoutError } from './model-timeout.error.js';

const REQUEST: ModelRequest = { headers: {}, body: '{}' };

/**
 * A loopback endpoint answering each request with the next scripted answer (the last one
 * repeats): a status with headers, or `hang` (no answer at all).
 */
class ScriptedEndpoint {
  readonly requests: IncomingMessage[] = [];
  private server?: Server;

  constructor(
    private readonly script: ({ status: number; headers?: Record<string, string> } | 'hang')[],
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const answer = this.script[Math.min(this.requests.length, this.script.length - 1)];
      this.requests.push(request);
      if (answer === 'hang') return;
      response.writeHead(answer.status, answer.headers).end(`{"status":${answer.status}}`);
    });
    await listenOnLoopback(this.server);
    return `${loopbackOrigin(this.server)}/v1/chat/completions`;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }
}

describe('model transport (retries and timeouts, model-call.policy.ts)', () => {
  let endpoint: ScriptedEndpoint;
  let transport: ModelTransport;
  const start = async (
    script: ConstructorParameters<typeof ScriptedEndpoint>[0],
    options: { maxRetries?: number; timeoutMs?: number } = {},
  ) => {
    endpoint = new ScriptedEndpoint(script);
    transport = createModelTransport({
      maxRetries: options.maxRetries ?? 2,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
    return endpoint.start();
  };
  afterEach(async () => {
    await transport.close();
    await endpoint.stop();
  });

  it('retries retryable statuses, waiting what Retry-After asks, then hands the answer on', async () => {
    const url = await start([
      { status: 503, headers: { 'retry-after-ms': '0' } },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200 },
    ]);
    const response = await transport.post(url, REQUEST);
    expect(response.status).toBe(200);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('hands the last answer on once MAX_MODEL_RETRIES are spent', async () => {
    const url = await start([{ status: 500, headers: { 'retry-after-ms': '0' } }], {
      maxRetries: 1,
    });
    const response = await transport.post(url, REQUEST);
    expect(response.status).toBe(500);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('never retries a status that would fail again (400) or a Retry-After past the cap', async () => {
    const url = await start([{ status: 400 }]);
    expect((await transport.post(url, REQUEST)).status).toBe(400);
    await endpoint.stop();
    const later = await start([{ status: 429, headers: { 'retry-after': '3600' } }]);
    expect((await transport.post(later, REQUEST)).status).toBe(429);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('fails with ModelTimeoutError when no headers come within MODEL_TIMEOUT, without retrying', async () => {
    const url = await start(['hang'], { timeoutMs: 200 });
    await expect(transport.post(url, REQUEST)).rejects.toBeInstanceOf(ModelTimeoutError);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('stops waiting for a retry when the run is cancelled', async () => {
    const url = await start([{ status: 503, headers: { 'retry-after': '30' } }]);
    const controller = new AbortController();
    const fetching = transport.post(url, { ...REQUEST, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(fetching).rejects.toMatchObject({ name: 'AbortError' });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('sends the headers and body it is given', async () => {
    const url = await start([{ status: 200 }]);
    const response = await transport.post(url, {
      headers: { authorization: 'Bearer sk-real', 'x-trace-id': 't-1' },
      body: '{"model":"m"}',
    });
    expect(await response.body.text()).toBe('{"status":200}');
    const [received] = endpoint.requests;
    expect(received?.method).toBe('POST');
    expect(received?.headers).toMatchObject({
      authorization: 'Bearer sk-real',
      'x-trace-id': 't-1',
    });
  });
});
