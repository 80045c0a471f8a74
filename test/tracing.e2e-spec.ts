import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, waitForHealthy } from './fixtures/net.js';
import { OpenAiCompatibleServer } from './fixtures/openai-compatible.server.js';
import { OtlpReceiver, type ReceivedSpan } from './fixtures/otlp-receiver.server.js';
import { PluginStubServer } from './fixtures/plugin-stub.server.js';
import { examplePayload } from './support/agent-payloads.js';
import { type ChildService, spawnService } from './support/child-service.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

const API_KEY = 'sk-tracing-secret-0123456789abcdef';
const VAULT_VALUE = 'vault-tracing-secret-0123456789';
const USER_TEXT = 'What is the weather like in Paris today?';
// The strings of the secret sweep (test/reliability/secret-sweep.e2e-spec.ts): the service's
// bearer token too, which the caller sends on every request.
const BEARER = 'svc-tracing-bearer-token-55e8a1';
// W3C Trace Context's example (https://www.w3.org/TR/trace-context/#traceparent-header).
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`;

const AUTH = { authorization: `Bearer ${BEARER}` };

interface Instance {
  service: ChildService;
  runUrl: string;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const service = spawnService({
    PORT: String(port),
    LOG_LEVEL: 'WARNING',
    HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // Spans leave within 50 ms of ending, not the default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '50',
    SERVICE_API_KEYS: BEARER,
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl);
  return { service, runUrl: `${baseUrl}/v1/run_workflow` };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  instance?.service.process.kill('SIGKILL');
  await instance?.service.exited;
}

describe('OpenTelemetry GenAI traces (issue 19, item 1)', () => {
  let model: OpenAiCompatibleServer;
  let plugin: PluginStubServer;
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    [model, plugin, receiver] = await Promise.all([
      new OpenAiCompatibleServer().start(),
      new PluginStubServer().start(),
      new OtlpReceiver().start(),
    ]);
  });
  afterAll(() => Promise.all([model.stop(), plugin.stop(), receiver.stop()]));

  /** The original example with a secret api key and a vault value its plugin sends. */
  const payload = () => {
    const body = examplePayload({
      modelBaseUrl: model.baseUrl,
      modelName: 'tool?text=Sunny.',
      pluginOrigin: plugin.origin,
    });
    body.runtime_config.model.api_key = API_KEY;
    body.runtime_config.vault = { weather_api_key: VAULT_VALUE };
    body.runtime_config.tools[0].execution_config.query = { key: '{{vault.weather_api_key}}' };
    body.input.messages[0].content = USER_TEXT;
    return body;
  };

  /** The spans of one trace, once `count` of them arrived. */
  async function spansOf(traceId: string, count: number): Promise<ReceivedSpan[]> {
    for (let waited = 0; waited < 5000; waited += 50) {
      const spans = receiver.spans.filter((span) => span.traceId === traceId);
      if (spans.length >= count) return spans;
      await sleep(50);
    }
    throw new Error(`fewer than ${count} spans of trace ${traceId} arrived`);
  }

  describe('on, contents off (the default)', () => {
    let instance: Instance;
    beforeAll(async () => {
      instance = await startInstance({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin });
    }, 30_000);
    afterAll(() => stopInstance(instance));

    it("traces the example: run, two model calls, the tool and its request, under the caller's span", async () => {
      const stream = await postRun(instance.runUrl, payload(), {
        headers: { traceparent: TRACEPARENT, ...AUTH },
      });
      expectWellFormedStream(stream);
      const spans = await spansOf(CALLER_TRACE_ID, 5);
      const byName = (name: string) => spans.filter((span) => span.name === name);
      const [run] = byName('invoke_agent agent_chat');
      expect(run.parentSpanId).toBe(CALLER_SPAN_ID);
      expect(run.attributes).toMatchObject({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'agent_chat',
        'execution_plane.run_id': stream.headers.get('x-run-id'),
        'execution_plane.trace_id': 'trace-123456',
        'execution_plane.finish_reason': 'stop',
      });
      expect(run.resource['service.name']).toBe('execution-plane');
      const chats = byName('chat tool?text=Sunny.');
      expect(chats).toHaveLength(2);
      for (const chat of chats) {
        expect(chat.parentSpanId).toBe(run.spanId);
        expect(chat.kind).toBe(3); // CLIENT
        expect(chat.attributes).toMatchObject({
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'tool?text=Sunny.',
          'gen_ai.request.temperature': 0.7,
          'gen_ai.request.max_tokens': 2000,
        });
        expect(chat.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
        expect(chat.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThanOrEqual(0);
      }
      expect(chats.map((chat) => chat.attributes['gen_ai.response.finish_reasons'])).toEqual(
        expect.arrayContaining([['tool_calls'], ['stop']]),
      );
      const [tool] = byName('execute_tool weather');
      expect(tool.parentSpanId).toBe(run.spanId);
      expect(tool.attributes).toMatchObject({
        'gen_ai.tool.name': 'weather',
        'gen_ai.tool.type': 'extension',
        'execution_plane.tool.type': 'HTTP',
      });
      const [request] = byName('GET');
      expect(request.parentSpanId).toBe(tool.spanId);
      expect(request.attributes).toMatchObject({ 'http.response.status_code': 200 });
      // The upstreams got the spans' trace context.
      const modelTraceparents = model.requests.map((sent) => sent.headers.traceparent);
      expect(modelTraceparents).toHaveLength(2);
      for (const chat of chats)
        expect(modelTraceparents).toContain(`00-${CALLER_TRACE_ID}-${chat.spanId}-01`);
      expect(plugin.requests[0].headers.traceparent).toBe(
        `00-${CALLER_TRACE_ID}-${request.spanId}-01`,
      );
      // No secret, and no message content, in any span.
      const exported = JSON.stringify(spans);
      for (const secret of [API_KEY, VAULT_VALUE, USER_TEXT])
        expect(exported).not.toContain(secret);
    });
    it('records retries on the call, and a fallback on the run, with error.type', async () => {
      const traceId = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
      const body = payload();
      body.runtime_config.model.model_name = 'context';
      body.runtime_config.fallback_models = [
        { model_name: 'status?code=503&times=1&retry_after=0', base_url: model.baseUrl },
      ];
      body.runtime_config.tools = [];
      const stream = await postRun(instance.runUrl, body, {
        headers: { traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01`, ...AUTH },
      });
      expectWellFormedStream(stream);
      const spans = await spansOf(traceId, 3);
      const failed = spans.find((span) => span.name === 'chat context');
      expect(failed?.attributes['error.type']).toBe('context_length_exceeded');
      expect(failed?.status?.code).toBe(2); // ERROR
      const retried = spans.find((span) => span.name.startsWith('chat status'));
      expect(retried?.events).toEqual([
        { name: 'execution_plane.model_retry', attributes: { attempt: 1, 'error.type': '503' } },
      ]);
      const run = spans.find((span) => span.name === 'invoke_agent agent_chat');
      expect(run?.events).toEqual([
        {
          name: 'execution_plane.model_fallback',
          attributes: { 'error.type': 'context_length_exceeded' },
        },
      ]);
    });
  });

  describe('contents on (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT)', () => {
    let instance: Instance;
    beforeAll(async () => {
      instance = await startInstance({
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin,
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
        OTEL_SERVICE_NAME: 'plane-under-test',
      });
    }, 30_000);
    afterAll(() => stopInstance(instance));

    it('carries the messages, arguments and results, with secrets masked', async () => {
      const traceId = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
      const stream = await postRun(instance.runUrl, payload(), {
        headers: { traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01`, ...AUTH },
      });
      expectWellFormedStream(stream);
      const spans = await spansOf(traceId, 5);
      const chat = spans.find((span) => span.name.startsWith('chat '));
      expect(chat?.resource['service.name']).toBe('plane-under-test');
      expect(String(chat?.attributes['gen_ai.input.messages'])).toContain(USER_TEXT);
      const tool = spans.find((span) => span.name === 'execute_tool weather');
      expect(JSON.parse(String(tool?.attributes['gen_ai.tool.call.arguments']))).toEqual({
        city: 'Paris',
      });
      expect(String(tool?.attributes['gen_ai.tool.call.result'])).toContain('temperature_c');
      const exported = JSON.stringify(spans);
      for (const secret of [API_KEY, VAULT_VALUE, BEARER]) expect(exported).not.toContain(secret);
    });
  });

  it('is off without an endpoint: no trace context goes upstream', async () => {
    const instance = await startInstance({});
    try {
      expectWellFormedStream(await postRun(instance.runUrl, payload(), { headers: AUTH }));
      expect(model.requests.at(-1)?.headers.traceparent).toBeUndefined();
      expect(plugin.requests.at(-1)?.headers.traceparent).toBeUndefined();
    } finally {
      await stopInstance(instance);
    }
  }, 30_000);

  it('sends nothing with OTEL_SDK_DISABLED, even with an endpoint', async () => {
    const before = receiver.requests;
    const instance = await startInstance({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin,
      OTEL_SDK_DISABLED: 'true',
    });
    try {
      expectWellFormedStream(await postRun(instance.runUrl, payload(), { headers: AUTH }));
      await sleep(300);
      expect(receiver.requests).toBe(before);
      expect(model.requests.at(-1)?.headers.traceparent).toBeUndefined();
    } finally {
      await stopInstance(instance);
    }
  }, 30_000);
});
