import type { PluginRequest } from './plugin-request.builder.js';

export interface PluginCall extends PluginRequest {
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal;
}

export interface PluginResponse {
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
 * Port: makes one HTTP plugin call (throws a ToolError for timeouts and refused calls), and
 * offers a `fetch` under the same network policy for clients that need one (the MCP SDK).
 */
export abstract class PluginHttpClient {
  abstract send(call: PluginCall): Promise<PluginResponse>;
  /** Policy-checked fetch; redirects are refused (tool servers have no reason to send one). */
  abstract fetch(url: string | URL, init?: RequestInit): Promise<Response>;
}
