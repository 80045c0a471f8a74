import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { TrackedTransport } from './tracked.transport.js';

/**
 * How long ending a session may take: the cancellations of requests in flight, then the
 * Streamable HTTP spec's DELETE. Past it the connection is closed anyway (the server's own
 * session timeout then reclaims the session).
 */
export const MCP_SESSION_END_TIMEOUT_MS = 2_000;

/**
 * Ends one run's MCP session as the Streamable HTTP spec asks (modelcontextprotocol.io,
 * "Session Management"): cancellations of aborted requests are delivered first, then
 * `DELETE` with the `Mcp-Session-Id` (a server without sessions, or one answering 405, is
 * fine), then the connection closes. Never throws: a server that cannot be told is no reason
 * to fail the run that is ending.
 */
export async function endMcpSession(client: Client, transport: TrackedTransport): Promise<void> {
  const deadline = new AbortController();
  const told = (async () => {
    await transport.flush();
    await transport.terminateSession();
  })().catch(() => undefined);
  await Promise.race([
    told,
    sleep(MCP_SESSION_END_TIMEOUT_MS, undefined, { signal: deadline.signal }).catch(
      () => undefined,
    ),
  ]);
  deadline.abort();
  await client.close().catch(() => undefined);
}
