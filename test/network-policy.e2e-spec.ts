import { ConnectProxyServer } from './fixtures/connect-proxy.server.js';
import { PluginStubServer } from './fixtures/plugin-stub.server.js';
import { OpenAiCompatibleServer } from './fixtures/openai-compatible.server.js';
import { toolCallsScenario } from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The network policy through full runs. Every server here listens on 127.0.0.1; the
 * non-loopback addresses are covered by the unit tests with a stubbed resolver.
 */
describe('network policy through full runs', () => {
  let model: OpenAiCompatibleServer;
  let allowed: PluginStubServer;
  let denied: PluginStubServer;

  beforeAll(async () => {
    model = await new OpenAiCompatibleServer().start();
    allowed = await new PluginStubServer().start();
    denied = await new PluginStubServer().start();
  });
  afterAll(() => Promise.all([model.stop(), allowed.stop(), denied.stop()]));
  beforeEach(() => {
    allowed.requests.length = 0;
    denied.requests.length = 0;
  });

  async function weatherResult(service: TestApp, url: string) {
    const payload = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: toolCallsScenario([{ name: 'weather', args: { city: 'Nice' } }]),
    });
    payload.runtime_config.tools[0].execution_config.url = url;
    const stream = await postRun(`${service.baseUrl}/v1/run_workflow`, payload);
    expectWellFormedStream(stream);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
    return stream.events.find((event) => event.event === 'tool_result')?.data;
  }

  describe('with no exceptions configured', () => {
    let service: TestApp;
    beforeAll(async () => (service = await startTestApp({ env: { HTTP_TOOL_ALLOWED_HOSTS: '' } })));
    afterAll(() => service.close());

    it('refuses a plugin on a loopback address; the plugin sees no request', async () => {
      const result = await weatherResult(service, `${allowed.origin}/v1/query`);
      expect(result).toMatchObject({ status: 'error', error: { code: 'forbidden_destination' } });
      expect((result?.error as { message: string }).message).toContain('loopback');
      expect(allowed.requests).toHaveLength(0);
    });

    it('refuses a host name that resolves to loopback', async () => {
      const url = `${allowed.origin.replace('127.0.0.1', 'localhost')}/v1/query`;
      const result = await weatherResult(service, url);
      expect(result).toMatchObject({ status: 'error', error: { code: 'forbidden_destination' } });
      expect(allowed.requests).toHaveLength(0);
    });
  });

  describe('with HTTP_TOOL_ALLOWED_HOSTS naming one loopback port', () => {
    let service: TestApp;
    beforeAll(async () => {
      const port = new URL(allowed.origin).port;
      service = await startTestApp({ env: { HTTP_TOOL_ALLOWED_HOSTS: `127.0.0.1:${port}` } });
    });
    afterAll(() => service.close());

    it('lets the allowed plugin through', async () => {
      expect(await weatherResult(service, `${allowed.origin}/v1/query`)).toMatchObject({
        status: 'success',
      });
      expect(allowed.requests).toHaveLength(1);
    });

    it('refuses a redirect from the allowed plugin to a denied address', async () => {
      allowed.handle('GET', '/bounce', (_request, res) => {
        res.writeHead(302, { location: `${denied.origin}/v1/query` });
        res.end();
      });
      const result = await weatherResult(service, `${allowed.origin}/bounce`);
      expect(result).toMatchObject({ status: 'error', error: { code: 'forbidden_destination' } });
      expect(allowed.requests).toHaveLength(1);
      expect(denied.requests).toHaveLength(0);
    });
  });

  describe('through HTTP_TOOL_PROXY_URL', () => {
    let proxy: ConnectProxyServer;
    beforeAll(async () => (proxy = await new ConnectProxyServer().start()));
    afterAll(() => proxy.stop());
    beforeEach(() => (proxy.tunnels.length = 0));

    it('sends allowed plugin calls through the proxy', async () => {
      const service = await startTestApp({ env: { HTTP_TOOL_PROXY_URL: proxy.url } });
      try {
        expect(await weatherResult(service, `${allowed.origin}/v1/query`)).toMatchObject({
          status: 'success',
        });
        expect(proxy.tunnels).toEqual([new URL(allowed.origin).host]);
        expect(allowed.requests).toHaveLength(1);
      } finally {
        await service.close();
      }
    });

    it('still refuses denied destinations before anything reaches the proxy', async () => {
      const service = await startTestApp({
        env: { HTTP_TOOL_PROXY_URL: proxy.url, HTTP_TOOL_ALLOWED_HOSTS: '' },
      });
      try {
        const result = await weatherResult(service, `${allowed.origin}/v1/query`);
        expect(result).toMatchObject({ status: 'error', error: { code: 'forbidden_destination' } });
        expect(proxy.tunnels).toEqual([]);
        expect(allowed.requests).toHaveLength(0);
      } finally {
        await service.close();
      }
    });
  });
});
