import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent, request } from 'undici';
import { ToolError } from '../tool.error.js';
import { PluginHttpClient, type PluginCall, type PluginResponse } from './plugin-http.client.js';

/** Keep-alive sockets per origin, shared by every run of this process. */
const KEEP_ALIVE_TIMEOUT_MS = 10_000;

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const room = maxBytes - bytes;
    bytes += chunk.length;
    if (chunk.length >= room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      if (chunk.length > room) {
        // Stop reading: a plugin must not make us buffer an unbounded answer.
        body.destroy();
        return { body: Buffer.concat(chunks), truncated: true, bytes };
      }
      continue;
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), truncated: false, bytes };
}

function failure(error: unknown, call: PluginCall, timeout: AbortSignal): ToolError {
  if (call.signal.aborted)
    return new ToolError('cancelled', 'The run was stopped', { cause: error });
  if (timeout.aborted) {
    return new ToolError('timeout', `The plugin did not answer within ${call.timeoutMs} ms`, {
      cause: error,
    });
  }
  return new ToolError('execution_failed', 'The plugin could not be reached or broke off', {
    cause: error,
  });
}

/** Adapter: plugin calls over undici, with a timeout and a cap on the response size. */
@Injectable()
export class UndiciPluginHttpClient extends PluginHttpClient implements OnModuleDestroy {
  private readonly agent = new Agent({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });

  async send(call: PluginCall): Promise<PluginResponse> {
    const timeout = AbortSignal.timeout(call.timeoutMs);
    const signal = AbortSignal.any([call.signal, timeout]);
    const hasBody = call.body !== undefined;
    try {
      const response = await request(call.url, {
        method: call.method,
        headers: { ...(hasBody && { 'content-type': 'application/json' }), ...call.headers },
        body: hasBody ? JSON.stringify(call.body) : undefined,
        signal,
        dispatcher: this.agent,
      });
      const read = await readCapped(response.body, call.maxResponseBytes);
      const declared = Number(response.headers['content-length']);
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        body: read.body,
        truncated: read.truncated,
        totalBytes: Number.isFinite(declared) && declared > read.bytes ? declared : read.bytes,
      };
    } catch (error) {
      throw failure(error, call, timeout);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }
}
