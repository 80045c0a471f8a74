import { toolCallsScenario } from './agent-harness.js';
import { examplePayload } from './agent-payloads.js';

export interface McpPayloadOptions {
  modelBaseUrl: string;
  mcpUrl: string;
  /** The tool calls the test model makes, on `calc__<tool>` names. */
  calls: unknown[];
  /** The vault value sent as the server's bearer token. */
  token: string;
  /** Overrides of the MCP spec's execution_config (allowed_tools, timeouts …). */
  executionConfig?: Record<string, unknown>;
}

/** A run whose model calls `calls` on the MCP server `calc`, its token from the vault. */
export function mcpPayload(options: McpPayloadOptions): Record<string, any> {
  const payload = examplePayload({
    modelBaseUrl: options.modelBaseUrl,
    modelName: toolCallsScenario(options.calls),
    tools: [
      {
        type: 'MCP',
        name: 'calc',
        execution_config: {
          url: options.mcpUrl,
          headers: { Authorization: 'Bearer {{vault.mcp_token}}' },
          ...options.executionConfig,
        },
      },
    ],
  });
  payload.runtime_config.vault = { mcp_token: options.token };
  return payload;
}
