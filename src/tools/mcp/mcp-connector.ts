import type { JsonSchema } from '../tool.types.js';

/** Tools listed per server at most; a bigger server must be narrowed with `allowed_tools`. */
export const MAX_MCP_TOOLS_PER_SERVER = 128;

/** A tool as an MCP server lists it. */
export interface McpToolInfo {
  name: string;
  description?: string;
  inputSchema: JsonSchema;
}

/** What an MCP `tools/call` answered. */
export interface McpCallResult {
  content: { type: string; text?: string }[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** One run's connection to one MCP server, listed once, closed when the run ends. */
export interface McpSession {
  readonly tools: readonly McpToolInfo[];
  call(
    name: string,
    args: Record<string, unknown>,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<McpCallResult>;
  close(): Promise<void>;
}

export interface McpServerAddress {
  url: string;
  /** Headers with their vault templates already rendered. */
  headers: Record<string, string>;
  timeoutMs: number;
  /** Largest answer read from the server (MAX_TOOL_RESPONSE_BYTES or the spec's own). */
  maxResponseBytes: number;
}

/** The MCP server answered an HTTP error status (401/403: it refused the credentials). */
export class McpHttpStatusError extends Error {
  override readonly name = 'McpHttpStatusError';

  constructor(readonly status: number) {
    super(`the MCP server answered HTTP ${status}`);
  }
}

/** The MCP server answered a JSON-RPC error (or the request timed out waiting for one). */
export class McpProtocolError extends Error {
  override readonly name = 'McpProtocolError';

  constructor(
    readonly code: number,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'the MCP server did not answer in time' : `MCP error ${code}`);
  }
}

/** Port: connects to a Streamable HTTP MCP server and lists its tools. */
export abstract class McpConnector {
  abstract connect(server: McpServerAddress, signal: AbortSignal): Promise<McpSession>;
}
