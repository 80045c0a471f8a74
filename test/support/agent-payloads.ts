import { ORIGINAL_EXAMPLE_PAYLOAD } from '../../src/payload/example-payload.js';

export interface AgentPayloadOptions {
  modelBaseUrl: string;
  /** The test model server's scenario, e.g. `tool` or `text?chunks=3`. */
  modelName?: string;
  pluginOrigin?: string;
  tools?: unknown[];
}

/**
 * The original README's example payload with its model and weather plugin pointed at
 * loopback test servers.
 */
export function examplePayload(options: AgentPayloadOptions): Record<string, any> {
  const payload = structuredClone(ORIGINAL_EXAMPLE_PAYLOAD) as Record<string, any>;
  payload.runtime_config.model.base_url = options.modelBaseUrl;
  payload.runtime_config.model.model_name = options.modelName ?? 'tool';
  if (options.pluginOrigin) {
    payload.runtime_config.tools[0].execution_config.url = `${options.pluginOrigin}/v1/query`;
  }
  if (options.tools) payload.runtime_config.tools = options.tools;
  return payload;
}

/**
 * The example payload with one HTTP tool, `plugin`, at `pluginUrl`, whose query sends the
 * vault's `token` as `key` (what the secret sweeps need a plugin to receive and echo).
 */
export function vaultPluginPayload(
  options: AgentPayloadOptions & { pluginUrl: string; executionConfig?: Record<string, unknown> },
): Record<string, any> {
  return examplePayload({
    ...options,
    tools: [
      {
        type: 'HTTP',
        name: 'plugin',
        execution_config: {
          url: options.pluginUrl,
          query: { key: '{{vault.token}}' },
          ...options.executionConfig,
        },
      },
    ],
  });
}
