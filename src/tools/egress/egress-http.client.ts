import type { HttpMethod } from '../../payload/dto/execution-config.dto.js';

/** An outbound request to a tool server (an HTTP plugin, an MCP server). */
export interface EgressRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** JSON body, for POST/PUT/PATCH. */
  body?: unknown;
}

export interface EgressCall extends EgressRequest {
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal;
}

export interface EgressResponse {
  status: number;
  contentType: string;
  /** At most maxResponseBytes of the body. */
  body: Buffer;
  /** The body was longer than maxResponseBytes and was cut. */
  truncated: boolean;
  /** The full length when known (Content-Length or bytes read). */
  totalBytes: number;
}

/**
 * Port: every request to a tool server leaves through it, under the network policy
 * (HTTP_TOOL_ALLOWED_HOSTS, the proxy, no private addresses): `send` makes one HTTP plugin
 * call (throws a ToolError for timeouts and refused calls); `fetch` is the same for clients
 * that need a fetch (the MCP SDK).
 */
export abstract class EgressHttpClient {
  abstract send(call: EgressCall): Promise<EgressResponse>;
  /** Policy-checked fetch; redirects are refused (tool servers have no reason to send one). */
  abstract fetch(url: string | URL, init?: RequestInit): Promise<Response>;
}
