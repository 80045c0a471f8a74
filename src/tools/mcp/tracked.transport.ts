import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

type SendOptions = Parameters<StreamableHTTPClientTransport['send']>[1];

/**
 * The SDK's Streamable HTTP transport, keeping track of the messages it is still handing to
 * the server. When a request is aborted the SDK sends `notifications/cancelled` without
 * waiting; closing the transport at once would abort that POST too, so the session waits for
 * it (`flush`) before it ends.
 */
export class TrackedTransport extends StreamableHTTPClientTransport {
  private readonly sending = new Set<Promise<void>>();

  override send(message: JSONRPCMessage, options?: SendOptions): Promise<void> {
    const sent = super.send(message, options);
    this.sending.add(sent);
    const forget = () => this.sending.delete(sent);
    sent.then(forget, forget);
    return sent;
  }

  /** Resolves once every message handed over so far has reached the server (or failed). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.sending]);
  }
}
