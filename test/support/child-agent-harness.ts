import { freePort, waitForHealthy } from '../fixtures/net.js';
import { OpenAiCompatibleServer } from '../fixtures/openai-compatible.server.js';
import { PluginStubServer } from '../fixtures/plugin-stub.server.js';
import { type ChildService, spawnService } from './child-service.js';

/** The production build in a child process, with a test model server and a plugin stub beside it. */
export interface ChildAgentHarness {
  service: ChildService;
  model: OpenAiCompatibleServer;
  plugin: PluginStubServer;
  baseUrl: string;
  /** Stops the service with `signal`, then the model and plugin servers. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Plugins on 127.0.0.1 are allowed and only errors are logged, unless `env` says otherwise. */
export async function startChildAgentHarness(
  env: Record<string, string> = {},
): Promise<ChildAgentHarness> {
  const model = await new OpenAiCompatibleServer().start();
  const plugin = await new PluginStubServer().start();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = spawnService({
    PORT: String(port),
    LOG_LEVEL: 'ERROR',
    HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
    ...env,
  });
  await waitForHealthy(baseUrl);
  return {
    service,
    model,
    plugin,
    baseUrl,
    stop: async (signal = 'SIGTERM') => {
      service.process.kill(signal);
      await service.exited;
      await Promise.all([model.stop(), plugin.stop()]);
    },
  };
}
