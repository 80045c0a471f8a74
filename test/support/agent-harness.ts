import { OpenAiCompatibleServer } from '../fixtures/openai-compatible.server.js';
import { PluginStubServer } from '../fixtures/plugin-stub.server.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** The service with a test model server and a plugin stub beside it, all on loopback. */
export interface AgentHarness {
  service: TestApp;
  model: OpenAiCompatibleServer;
  plugin: PluginStubServer;
  /** POST /v1/run_workflow of the service. */
  runUrl: string;
  /** Forgets what the model and plugin servers recorded. */
  resetRecordings(): void;
  close(): Promise<void>;
}

export async function startAgentHarness(options: TestAppOptions = {}): Promise<AgentHarness> {
  const model = await new OpenAiCompatibleServer().start();
  const plugin = await new PluginStubServer().start();
  const service = await startTestApp(options);
  return {
    service,
    model,
    plugin,
    runUrl: `${service.baseUrl}/v1/run_workflow`,
    resetRecordings: () => {
      model.requests.length = 0;
      plugin.requests.length = 0;
    },
    close: async () => {
      await service.close();
      await Promise.all([model.stop(), plugin.stop()]);
    },
  };
}

/** A test model scenario that asks for exactly these tool calls. */
export const toolCallsScenario = (calls: unknown[]) =>
  `tool?calls=${encodeURIComponent(JSON.stringify(calls))}`;
