/**
 * `npm run demo`: the original README's example, end to end and offline. Starts the OpenAI-
 * compatible test model and the weather plugin on 127.0.0.1, then the service from its
 * production build, sends the example payload and prints the live event stream.
 *
 * With OPENAI_BASE_URL, OPENAI_API_KEY and MODEL_NAME set, the same payload goes to that
 * endpoint instead of the test model.
 *
 * `npm run demo -- --open`: starts the same servers (the service on PORT, default 8000), prints
 * the playground's URL with the bundled test model and plugin preselected, and keeps running
 * until Ctrl+C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createParser } from 'eventsource-parser';
import { ORIGINAL_EXAMPLE_PAYLOAD } from '../src/payload/example-payload.js';
import { freePort, waitForHealthy } from '../test/fixtures/net.js';
import { OpenAiCompatibleServer } from '../test/fixtures/openai-compatible.server.js';
import { PluginStubServer } from '../test/fixtures/plugin-stub.server.js';
import { type DemoEvent, DemoPrinter } from './demo-printer.js';

const ANSWER =
  'I am the execution plane demo agent. I asked the weather plugin for you and Paris is sunny at 21 degrees. ' +
  'Each word here arrived as its own message_chunk event.';
/** Paced like a real model, so the stream is visible: 150 ms to the first token, 40 ms per chunk. */
const DEMO_MODEL = `tool?${new URLSearchParams({ text: ANSWER, chunks: '30', ttft_ms: '150', delay_ms: '40' })}`;

interface RealEndpoint {
  baseUrl: string;
  apiKey: string;
  modelName: string;
}

function realEndpoint(): RealEndpoint | undefined {
  const { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: apiKey, MODEL_NAME: modelName } = process.env;
  return baseUrl && apiKey && modelName ? { baseUrl, apiKey, modelName } : undefined;
}

async function startService(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'WARNING',
      HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealthy(`http://127.0.0.1:${port}`);
  return child;
}

function demoPayload(modelBaseUrl: string, pluginOrigin: string, real: RealEndpoint | undefined) {
  const payload = structuredClone(ORIGINAL_EXAMPLE_PAYLOAD);
  payload.input.messages = [
    {
      role: 'user',
      content: 'Hello, please introduce yourself, then tell me the weather in Paris.',
    },
  ];
  payload.runtime_config.model.base_url = real?.baseUrl ?? modelBaseUrl;
  payload.runtime_config.model.api_key = real?.apiKey ?? 'sk-demo-not-a-real-key';
  payload.runtime_config.model.model_name = real?.modelName ?? DEMO_MODEL;
  payload.runtime_config.tools[0].execution_config.url = `${pluginOrigin}/v1/query`;
  return payload;
}

async function streamRun(serviceUrl: string, payload: unknown): Promise<boolean> {
  const startedAt = Date.now();
  const response = await fetch(`${serviceUrl}/v1/run_workflow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(payload),
  });
  if (!response.ok || !response.body) {
    process.stdout.write(
      `The service refused the run: HTTP ${response.status} ${await response.text()}\n`,
    );
    return false;
  }
  process.stdout.write(
    `run ${response.headers.get('x-run-id')}  trace ${response.headers.get('x-trace-id')}\n\n`,
  );
  const printer = new DemoPrinter(startedAt);
  const events: DemoEvent[] = [];
  const parser = createParser({
    onEvent: (message) => {
      const event = JSON.parse(message.data) as DemoEvent;
      events.push(event);
      printer.print(event);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
  const done = events.find((event) => event.type === 'done');
  printer.summary(done, events.length);
  return done !== undefined && done.finish_reason !== 'error';
}

const OPEN_PLAYGROUND = process.argv.includes('--open');

/** The playground with this demo's model and plugin filled in. */
function playgroundUrl(serviceUrl: string, modelBaseUrl: string, pluginOrigin: string): string {
  const preselected = new URLSearchParams({
    base_url: modelBaseUrl,
    model_name: DEMO_MODEL,
    plugin_url: `${pluginOrigin}/v1/query`,
  });
  return `${serviceUrl}/playground?${preselected}`;
}

async function main(): Promise<void> {
  const real = realEndpoint();
  const model = real ? undefined : await new OpenAiCompatibleServer().start();
  const plugin = await new PluginStubServer().start();
  const port = OPEN_PLAYGROUND ? Number(process.env.PORT ?? 8000) : await freePort();
  const service = await startService(port);
  const serviceUrl = `http://127.0.0.1:${port}`;
  process.stdout.write(
    `Execution plane demo\n  service  ${serviceUrl}  (Swagger UI: ${serviceUrl}/docs)\n` +
      `  model    ${real ? real.baseUrl : `${model?.baseUrl} (bundled test model)`}\n  plugin   ${plugin.origin}/v1/query (weather)\n\n`,
  );
  try {
    if (OPEN_PLAYGROUND) {
      const url = playgroundUrl(serviceUrl, real?.baseUrl ?? model?.baseUrl ?? '', plugin.origin);
      process.stdout.write(`Open the playground (Ctrl+C stops the demo):\n  ${url}\n`);
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      return;
    }
    const succeeded = await streamRun(
      serviceUrl,
      demoPayload(model?.baseUrl ?? '', plugin.origin, real),
    );
    process.exitCode = succeeded ? 0 : 1;
  } finally {
    service.kill('SIGTERM');
    await once(service, 'exit');
    await Promise.all([model?.stop(), plugin.stop()]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
